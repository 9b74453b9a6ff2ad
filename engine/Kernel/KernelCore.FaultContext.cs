using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// The narrow context the fault rules (<c>engine/Kernel/Faults</c>) work through: the kernel state they read and
/// change, and the kernel services they call, exposed inside the engine only. The rules hold no state of their own.
/// </summary>
public sealed partial class KernelCore
{
    /// <summary>The PTE format of the machine.</summary>
    internal PteLayout Pte => _pte;

    /// <summary>File pages in memory, by (file, offset).</summary>
    internal Dictionary<(int FileId, ulong Offset), ulong> PageCache => _pageCache;

    /// <summary>Frames still read from a swap slot that other PTEs hold, by slot.</summary>
    internal Dictionary<ulong, ulong> SwapCache => _swapCache;

    /// <summary>The replacement policy that is told of every page loaded.</summary>
    internal IReplacementPolicy Policy => _policy;

    /// <summary>True when the PTE format has a writable bit (see <c>CanWriteProtect</c>).</summary>
    internal bool WriteProtects => CanWriteProtect;

    /// <summary>Which faults raised this tick have been handled (by the batch facade or the fault system).</summary>
    internal RaisedFaultLedger RaisedFaults { get; } = new();

    /// <summary>Sends <paramref name="happened"/> when events are on.</summary>
    internal void Announce<T>(in T happened)
        where T : struct => Publish(happened);

    /// <summary>Maps a frame for a fault (see <c>TryMapPage</c>).</summary>
    internal bool MapFaultedPage(int pid, ulong va, ulong frame, PteBits flags) => TryMapPage(pid, va, frame, flags);

    /// <summary>Room for the tables a mapping of <paramref name="va"/> needs (see <c>RoomForTables</c>).</summary>
    internal bool HasRoomForTables(int pid, ulong va) => RoomForTables(pid, va);

    /// <summary>Frees a data frame no PTE maps any more (see <c>FreeDataFrame</c>).</summary>
    internal void FreeFaultedFrame(ulong frame) => FreeDataFrame(frame);

    /// <summary>Drops one mapping of a data frame (see <c>DropMapping</c>).</summary>
    internal void DropFrameMapping(ulong frame) => DropMapping(frame);

    /// <summary>True when a non-present <paramref name="entry"/> names a swap slot.</summary>
    internal bool HoldsSwapEntry(ulong entry) => IsSwapEntry(entry);
}
