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

    /// <summary>Which faults raised this tick have been handled (by the batch facade or the fault system).</summary>
    internal RaisedFaultLedger RaisedFaults { get; } = new();
}
