using System.Runtime.CompilerServices;

namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>
/// Least recently used: evicts the page whose last access is oldest (exact LRU, O(1) per access). With
/// <c>mostRecent: true</c> it becomes MRU, which evicts the newest instead — a teaching foil from OSTEP.
/// </summary>
public sealed class LruPolicy : IReplacementPolicy
{
    private readonly FrameList _recency;
    private readonly bool _mostRecent;

    /// <summary>Creates LRU (or MRU) for frames 0 … <paramref name="capacity"/>−1.</summary>
    public LruPolicy(int capacity, bool mostRecent = false)
    {
        _recency = new FrameList(capacity);
        _mostRecent = mostRecent;
    }

    /// <inheritdoc />
    public string Name => _mostRecent ? "mru" : "lru";

    /// <inheritdoc />
    public void Loaded(int frame) => _recency.AddLast(frame);

    /// <inheritdoc />
    // Called for every reference a trace replays: compiled optimised at once, so a short replay is not timed in
    // tier-0 code waiting for the tiered JIT (the replay loops are marked the same way).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Accessed(int frame)
    {
        if (_recency.Tail != frame)
        {
            _recency.Remove(frame);
            _recency.AddLast(frame);
        }
    }

    /// <inheritdoc />
    public void Removed(int frame) => _recency.Remove(frame);

    /// <inheritdoc />
    public int ChooseVictim() => _mostRecent ? _recency.RemoveLast() : _recency.RemoveFirst();
}
