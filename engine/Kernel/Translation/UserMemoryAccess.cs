using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Translation;

/// <summary>
/// A user access, as the CPU and the kernel do it together: the MMU translates (TLB lookup, on a miss the page
/// walk from CR3, each entry read reported to the walk observer); a failed translation raises
/// <see cref="PageFaultRaised"/> and the fault handler runs; the access is retried, as the CPU restarts a
/// faulting instruction. A fatal fault kills the process (SIGSEGV, SIGBUS, or SIGKILL when memory ran out); a
/// fault waiting for the player's decision leaves the access waiting. An access crossing a page boundary touches
/// both pages, lower first. Allocation-free on every path but the fatal ones.
/// </summary>
internal static class UserMemoryAccess
{
    // Each retry can legitimately fault again (a swap-in after the page was evicted to make room for its own
    // copy…); a page that is still not there after this many handled faults means a kernel bug.
    private const int MaxFaultRetries = 16;

    /// <summary>
    /// Reads (or writes <paramref name="value"/> little-endian, when it is not null) <paramref name="width"/> bytes
    /// (1–8) at <paramref name="va"/> in the running process <paramref name="pid"/>. Throws when another process
    /// runs (CR3 holds its tables).
    /// </summary>
    internal static AccessResult Run<TObserver>(KernelCore kernel, int pid, ulong va, AccessKind kind, ulong? value, int width, ref TObserver observer)
        where TObserver : struct, IWalkObserver
    {
        if (pid != kernel.CurrentPid)
        {
            throw new InvalidOperationException($"process {pid} is not running (CR3 holds process {kernel.CurrentPid}'s tables)");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 8);
        var pageSize = kernel.Machine.Description.PageSize;
        var inPage = (int)Math.Min((ulong)width, pageSize - (va & (pageSize - 1)));
        var low = WithinPage(kernel, pid, va, kind, value, inPage, ref observer);
        if (inPage == width || !low.Completed)
        {
            return low;
        }

        var high = WithinPage(kernel, pid, va + (ulong)inPage, kind, value >> (8 * inPage), width - inPage, ref observer);
        return high.Completed ? low with { Value = low.Value | (high.Value << (8 * inPage)), Fault = high.Fault ?? low.Fault } : high;
    }

    /// <summary>The access of <see cref="Run"/> for bytes that do not cross a page.</summary>
    internal static AccessResult WithinPage<TObserver>(KernelCore kernel, int pid, ulong va, AccessKind kind, ulong? value, int width, ref TObserver observer)
        where TObserver : struct, IWalkObserver
    {
        kernel.AccessObserver?.Referencing(pid, va);
        var machine = kernel.Machine;
        FaultOutcome? last = null;
        for (var attempt = 0; attempt < MaxFaultRetries; attempt++)
        {
            var translation = machine.Mmu.Translate(va, kind, PrivilegeLevel.User, ref observer);
            if (translation.IsOk)
            {
                var pa = translation.PhysicalAddress;
                kernel.NoteAccess(pa >> machine.Description.PageShift);

                if (kind == AccessKind.Write && value is { } stored)
                {
                    machine.Memory.Write(pa, width, stored);
                    return new AccessResult(AccessStatus.Completed, stored, pa, last);
                }

                return new AccessResult(AccessStatus.Completed, machine.Memory.Read(pa, width), pa, last);
            }

            if (translation.Fault == FaultKind.NonCanonical)
            {
                // x86's #GP, not a page fault (Linux's exc_general_protection): no handler runs and no fault is
                // counted; the process gets SIGSEGV with SI_KERNEL and address 0.
                Kill(kernel, pid, va, FaultOutcome.SegvGeneralProtection);
                return new AccessResult(AccessStatus.Killed, 0, 0, FaultOutcome.SegvGeneralProtection);
            }

            if (kind == AccessKind.Execute && EmulateVsyscall.Handles(kernel, va))
            {
                return new AccessResult(AccessStatus.Completed, 0, 0, null);
            }

            kernel.Publish(new PageFaultRaised(pid, va, kind, translation.ErrorCode));
            last = kernel.HandleFault(pid, va, kind);
            if (last.Value.IsFatal())
            {
                Kill(kernel, pid, va, last.Value);
                return new AccessResult(AccessStatus.Killed, 0, 0, last);
            }

            if (last == FaultOutcome.AwaitingDecision)
            {
                return new AccessResult(AccessStatus.Waiting, 0, 0, last);
            }
        }

        throw new InvalidOperationException($"process {pid}: the access at 0x{va:x} kept faulting after the handler fixed it");
    }

    // The signal a fatal fault sends. Out of memory at the faulting process itself is the OOM killer's doing
    // (counted and announced as one of its kills) unless the killer already chose and killed it.
    // The siginfo is kept on the process (si_code, si_addr) for `run` to report as a signal handler would see it.
    private static void Kill(KernelCore kernel, int pid, ulong va, FaultOutcome outcome)
    {
        var signal = outcome switch
        {
            FaultOutcome.OutOfMemory => KernelCore.SigKill,
            FaultOutcome.SigBusPastEndOfFile => KernelCore.SigBus,
            _ => KernelCore.SigSegv,
        };
        if (signal == KernelCore.SigKill && kernel.Info(pid).State != ProcessState.Zombie)
        {
            kernel.Counters.OomKills++;
            kernel.Info(pid).OomKilled = true;
            kernel.Publish(new OomKilled(pid, pid, 0));
        }

        if (signal != KernelCore.SigKill)
        {
            ref var info = ref kernel.Info(pid);
            info.SignalCode = outcome.SignalCode();
            info.SignalAddress = outcome.SignalAddress(va);
        }

        kernel.Exit(pid, 0, signal);
    }
}
