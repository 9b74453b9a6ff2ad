namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>mm_account_fault</c>: every handled fault is counted and charged its cycles, and its resolution
/// announced as <see cref="PageFaultResolved"/>. As Linux counts <c>min_flt</c>/<c>maj_flt</c> (what
/// <c>getrusage</c> and <c>/proc/PID/stat</c> report): a fault that failed (<c>VM_FAULT_ERROR</c>: SIGSEGV,
/// SIGBUS, out of memory) or has not completed (waiting for a decision, Linux's <c>VM_FAULT_RETRY</c>) is neither;
/// every other is major when it waited for I/O and minor otherwise — copy-on-write copies and spurious faults
/// included. The finer kind is counted beside (<see cref="KernelCounters.FaultsOf"/>).
/// </summary>
internal static class MmAccountFault
{
    /// <summary>Counts and charges the fault of <paramref name="pid"/> at <paramref name="va"/> that ended in <paramref name="outcome"/> on <paramref name="frame"/>.</summary>
    public static void Account(KernelCore kernel, int pid, ulong va, FaultOutcome outcome, ulong frame)
    {
        var counters = kernel.Counters;
        var costs = kernel.Machine.Description.Costs;
        counters.Faults++;
        counters.Count(outcome);
        if (IsCompleted(outcome))
        {
            var major = outcome.IsMajor();
            counters.MajorFaults += major ? 1 : 0;
            counters.MinorFaults += major ? 0 : 1;
            if (kernel.Exists(pid))
            {
                ref var task = ref kernel.Info(pid);
                task.MajorFaults += major ? 1 : 0;
                task.MinorFaults += major ? 0 : 1;
            }
        }

        switch (outcome)
        {
            case FaultOutcome.DemandZero or FaultOutcome.PageCacheHit or FaultOutcome.CowReuse or FaultOutcome.StackGrowth or FaultOutcome.SharedWriteNotify:
                kernel.Machine.Clock.Advance(costs.MinorFault);
                break;
            case FaultOutcome.FileRead or FaultOutcome.SwapIn:
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

    /// <summary>True when <paramref name="outcome"/> is a fault <c>getrusage</c> counts: it completed and did not fail.</summary>
    public static bool IsCompleted(FaultOutcome outcome) => !outcome.IsFatal() && outcome != FaultOutcome.AwaitingDecision;
}
