using System.Runtime.CompilerServices;
using VmQuest.Engine.Kernel.Reclaim;

namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// A replacement policy as the textbook replay drives it, over dense page ids instead of frames. The kernel's
/// FIFO, LRU, MRU and Clock never look at a frame's number, only at the order of the calls, so the replay runs
/// the kernel's own policy classes, fed the same calls in the same order (load, then access, once per run of
/// touches of one page); a struct per policy lets the JIT specialise the replay loop and inline the calls.
/// </summary>
internal interface IReplayPolicy
{
    /// <summary>A page became resident (the kernel's <c>Loaded</c> after a fault).</summary>
    void Loaded(int id);

    /// <summary>A resident page was referenced (the kernel's <c>NoteAccess</c>).</summary>
    void Accessed(int id);

    /// <summary>The page to evict, forgotten by the policy.</summary>
    int ChooseVictim();
}

/// <summary>With a frame for every page nothing is ever evicted: the order is not kept.</summary>
internal readonly struct NoEvictionPolicy : IReplayPolicy
{
    public void Loaded(int id)
    {
    }

    public void Accessed(int id)
    {
    }

    public int ChooseVictim() => throw new InvalidOperationException("a replay with a frame for every page evicted one");
}

/// <summary>The kernel's <see cref="FifoPolicy"/> over page ids.</summary>
internal readonly struct FifoReplayPolicy(int pages) : IReplayPolicy
{
    private readonly FifoPolicy _policy = new(pages);

    public void Loaded(int id) => _policy.Loaded(id);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Accessed(int id)
    {
    }

    public int ChooseVictim() => _policy.ChooseVictim();
}

/// <summary>The kernel's <see cref="LruPolicy"/> (LRU, or MRU) over page ids.</summary>
internal readonly struct LruReplayPolicy(int pages, bool mostRecent) : IReplayPolicy
{
    private readonly LruPolicy _policy = new(pages, mostRecent);

    public void Loaded(int id) => _policy.Loaded(id);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Accessed(int id) => _policy.Accessed(id);

    public int ChooseVictim() => _policy.ChooseVictim();
}

/// <summary>The kernel's <see cref="ClockPolicy"/> over page ids.</summary>
internal readonly struct ClockReplayPolicy(int pages) : IReplayPolicy
{
    private readonly ClockPolicy _policy = new(pages);

    public void Loaded(int id) => _policy.Loaded(id);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Accessed(int id) => _policy.Accessed(id);

    public int ChooseVictim() => _policy.ChooseVictim();
}
