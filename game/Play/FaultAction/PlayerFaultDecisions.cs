using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Play.FaultAction;

/// <summary>
/// The kernel's decisions on a fault-action level: every fault waits until the player has answered it (the session
/// checks the answer against the handler's forecast before admitting it), and the frame the player named receives
/// the page — a free frame, or under memory pressure a resident page's frame, whose page is evicted for it. Linux's
/// defaults make every other decision (permissions; a second frame within one fault).
/// </summary>
internal sealed class PlayerFaultDecisions : IKernelDecisions, IFaultDecisions
{
    private (FaultForecast Fault, ulong? Frame)? _admitted;
    private ulong? _frame;

    /// <summary>The fault waiting for the player's answer, or null when none is.</summary>
    public FaultForecast? Pending { get; private set; }

    /// <summary>Lets the pending fault be resolved at its retry, its new page going to <paramref name="frame"/> (null: the kernel's choice).</summary>
    public void Admit(ulong? frame) => _admitted = (Pending ?? throw new InvalidOperationException("no fault is pending"), frame);

    public bool MayResolve(KernelCore kernel, FaultForecast forecast)
    {
        if (_admitted is { } admitted && Same(admitted.Fault, forecast))
        {
            // The answer covers this one fault; its frame is handed out while the handler runs.
            _admitted = null;
            _frame = admitted.Frame;
            Pending = null;
            return true;
        }

        // Another process's fault (its slice ran out before the retry) waits too; an admitted answer keeps until
        // its own fault comes back.
        Pending = forecast;
        return false;
    }

    public ulong? ChooseFrame(KernelCore kernel, int pid, ulong va)
    {
        var chosen = _frame;
        _frame = null;
        return chosen is { } frame && !kernel.Machine.Frames.IsUsed(frame) ? frame : IKernelDecisions.KernelDefault;
    }

    public ulong? ChooseVictim(KernelCore kernel, int pid, ulong va) =>
        _frame is { } frame && kernel.Frames.UseOf(frame) is FrameUse.Anonymous or FrameUse.File ? frame : IKernelDecisions.KernelDefault;

    public VmaPermissions? ChoosePermissions(KernelCore kernel, int pid, ulong length, VmaPermissions requested) => requested;

    private static bool Same(FaultForecast a, FaultForecast b) =>
        a.Pid == b.Pid && a.Address == b.Address && a.Access == b.Access && a.Outcome == b.Outcome;
}
