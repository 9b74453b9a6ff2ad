using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// The page-fault handler's facade for the batch paths; the rules are in <c>engine/Kernel/Faults</c>
/// (<see cref="HandleMmFault"/> and the cases it dispatches to), and <see cref="PageFaultHandleSystem"/> runs them
/// in the per-tick schedule.
/// </summary>
public sealed partial class KernelCore
{
    /// <summary>
    /// Handles a fault of <paramref name="pid"/> at <paramref name="va"/> for <paramref name="access"/> and
    /// returns how it was resolved. A SIGSEGV outcome leaves the process to the caller (who kills it);
    /// <see cref="FaultOutcome.AwaitingDecision"/> and <see cref="FaultOutcome.OutOfMemory"/> change nothing.
    /// </summary>
    public FaultOutcome HandleFault(int pid, ulong va, AccessKind access)
    {
        // The caller raised this fault just now (or raised none): the fault system must not handle it again.
        if (Options.PublishEvents)
        {
            RaisedFaults.ClaimLatest(World, pid, va, access);
        }

        return HandleMmFault.Handle(this, pid, va, access);
    }

    // Copy-on-write for fork's private copies (see CopyPrivatePages).
    private FaultOutcome BreakCow(int pid, ulong page, in VmArea area, ulong slot, ulong entry, out ulong frame, bool force = false) =>
        DoWpPage.Handle(this, pid, page, area, slot, entry, out frame, force);

    /// <summary>The accessed and dirty bits of <paramref name="entry"/>, which a rewritten leaf keeps.</summary>
    internal PteBits Kept(ulong entry) => _pte.Decode(entry) & (PteBits.Accessed | PteBits.Dirty);
}
