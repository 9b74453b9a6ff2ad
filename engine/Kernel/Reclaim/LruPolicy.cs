namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>
/// Least recently used: evicts the page whose last access is oldest (exact LRU, O(1) per access). With
/// <c>mostRecent: true</c> it becomes MRU, which evicts the newest instead — a teaching foil from OSTEP.
/// </summary>
public sealed class LruPolicy : IReplacementPolicy
{
    private readonly FrameList recency;
    private readonly bool mostRecent;

    /// <summary>Creates LRU (or MRU) for frames 0 … <paramref name="capacity"/>−1.</summary>
    public LruPolicy(int capacity, bool mostRecent = false)
    {
        recency = new FrameList(capacity);
        this.mostRecent = mostRecent;
    }

    /// <inheritdoc />
    public string Name => mostRecent ? "mru" : "lru";

    /// <inheritdoc />
    public void Loaded(int frame) => recency.AddLast(frame);

    /// <inheritdoc />
    public void Accessed(int frame)
    {
        if (recency.Tail != frame)
        {
            recency.Remove(frame);
            recency.AddLast(frame);
        }
    }

    /// <inheritdoc />
    public void Removed(int frame) => recency.Remove(frame);

    /// <inheritdoc />
    public int ChooseVictim() => mostRecent ? recency.RemoveLast() : recency.RemoveFirst();
}
