namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>mm_account_fault</c>: every handled fault is counted (minor, major, copy-on-write) and charged its
/// cycles, and its resolution announced as <see cref="PageFaultResolved"/>.
/// </summary>
internal static class MmAccountFault
{
    /// <summary>Counts and charges the fault of <paramref name="pid"/> at <paramref name="va"/> that ended in <paramref name="outcome"/> on <paramref name="frame"/>.</summary>
    public static void Account(KernelCore kernel, int pid, ulong va, FaultOutcome outcome, ulong frame)
    {
        var counters = kernel.Counters;
        var costs = kernel.Machine.Description.Costs;
        counters.Faults++;
        switch (outcome)
        {
            case FaultOutcome.DemandZero or FaultOutcome.PageCacheHit or FaultOutcome.CowReuse or FaultOutcome.StackGrowth or FaultOutcome.SharedWriteNotify:
                counters.MinorFaults++;
                kernel.Machine.Clock.Advance(costs.MinorFault);
                break;
            case FaultOutcome.FileRead or FaultOutcome.SwapIn:
                counters.MajorFaults++;
                kernel.Machine.Clock.Advance(costs.MajorFault);
                break;
            case FaultOutcome.CowCopy:
                counters.CowCopies++;
                kernel.Machine.Clock.Advance(costs.CowCopy);
                break;
        }

        counters.CowReuses += outcome == FaultOutcome.CowReuse ? 1 : 0;
        kernel.Publish(new PageFaultResolved(pid, va, outcome, frame));
    }
}
