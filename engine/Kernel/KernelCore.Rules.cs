using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// The narrow context the rule classes of translation, scheduling and reclaim (in <c>Translation/</c>,
/// <c>Scheduling/</c>, <c>Reclaim/</c>) work through: the kernel's private state they need, and nothing else.
/// </summary>
public sealed partial class KernelCore
{
    /// <summary>Told of every user reference before it is translated (the trace recorder, OPT's future); null when none.</summary>
    internal IAccessObserver? AccessObserver => _accessObserver;

    /// <summary>The replacement policy choosing reclaim's victims.</summary>
    internal IReplacementPolicy Policy => _policy;

    /// <summary>Swap slot → frame of the pages that are in memory and still in swap (the swap cache).</summary>
    internal Dictionary<ulong, ulong> SwapCache => _swapCache;

    /// <summary>Frame → swap slot: the other direction of <see cref="SwapCache"/>.</summary>
    internal Dictionary<ulong, ulong> SwapSlotOfFrame => _swapSlotOfFrame;

    /// <summary>Frames a fault is working on (Linux holds the page lock): reclaim passes over them.</summary>
    internal List<ulong> PinnedFrames => _pinned;

    /// <summary>Live and zombie pids, ascending, for the rules that walk every process.</summary>
    internal List<int> PidList => _pids;

    /// <summary>Sends <paramref name="happened"/> to the world's event queue (unless events are off).</summary>
    internal void Raise<T>(in T happened)
        where T : struct => Publish(happened);

    /// <summary>Makes <paramref name="pid"/> the process CR3 belongs to (0: none).</summary>
    internal void SetCurrent(int pid) => CurrentPid = pid;

    /// <summary>The not-present entry that names swap slot <paramref name="slot"/>.</summary>
    internal ulong SwapEntryOf(ulong slot) => SwapEntry(slot);

    /// <summary>The bits of a leaf entry.</summary>
    internal PteBits LeafBitsOf(ulong entry) => DecodeLeaf(entry);

    /// <summary>Frees a data frame whose last mapping is gone (its page is in swap or in its file).</summary>
    internal void FreeEvictedFrame(ulong frame) => FreeDataFrame(frame);
}
