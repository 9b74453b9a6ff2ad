using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel;

/// <summary>User memory accesses: translate through the MMU, handle faults, retry — as the CPU restarts a faulting instruction.</summary>
public sealed partial class KernelCore
{
    /// <summary>
    /// Performs a user-mode access of <paramref name="width"/> bytes (1–8) by the running process <paramref name="pid"/>.
    /// A write stores <paramref name="value"/> (little-endian; null writes nothing but still dirties the page).
    /// An access crossing a page boundary touches both pages, lower first. Faults are handled and the access
    /// retried; a SIGSEGV or out-of-memory kills the process.
    /// </summary>
    public AccessResult Access(int pid, ulong va, AccessKind kind, ulong? value = null, int width = 8)
    {
        if (pid != CurrentPid)
        {
            throw new InvalidOperationException($"process {pid} is not running (CR3 holds process {CurrentPid}'s tables)");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 8);
        var pageSize = Machine.Description.PageSize;
        var inPage = (int)Math.Min((ulong)width, pageSize - (va & (pageSize - 1)));
        var low = AccessWithinPage(pid, va, kind, value, inPage);
        if (inPage == width || !low.Completed)
        {
            return low;
        }

        var high = AccessWithinPage(pid, va + (ulong)inPage, kind, value >> (8 * inPage), width - inPage);
        return high.Completed ? low with { Value = low.Value | (high.Value << (8 * inPage)), Fault = high.Fault ?? low.Fault } : high;
    }

    // Each retry can legitimately fault again (a swap-in after the page was evicted to make room for its own
    // copy…); a page that is still not there after this many handled faults means a kernel bug.
    private const int MaxFaultRetries = 16;

    private AccessResult AccessWithinPage(int pid, ulong va, AccessKind kind, ulong? value, int width)
    {
        _accessObserver?.Referencing(pid, va);
        FaultOutcome? last = null;
        for (var attempt = 0; attempt < MaxFaultRetries; attempt++)
        {
            var translation = Machine.Mmu.Translate(va, kind, PrivilegeLevel.User);
            if (translation.IsOk)
            {
                var pa = translation.PhysicalAddress;
                NoteAccess(pa >> Machine.Description.PageShift);

                if (kind == AccessKind.Write && value is { } stored)
                {
                    Machine.Memory.Write(pa, width, stored);
                    return new AccessResult(AccessStatus.Completed, stored, pa, last);
                }

                return new AccessResult(AccessStatus.Completed, Machine.Memory.Read(pa, width), pa, last);
            }

            Publish(new PageFaultRaised(pid, va, kind, translation.ErrorCode));
            last = HandleFault(pid, va, kind);
            if (last.Value.IsFatal())
            {
                var signal = last switch
                {
                    FaultOutcome.OutOfMemory => SigKill,
                    FaultOutcome.SigBusPastEndOfFile => SigBus,
                    _ => SigSegv,
                };
                if (signal == SigKill && Info(pid).State != Processes.ProcessState.Zombie)
                {
                    Counters.OomKills++;
                    Info(pid).OomKilled = true;
                    Publish(new OomKilled(pid, pid, 0));
                }

                Exit(pid, 0, signal);
                return new AccessResult(AccessStatus.Killed, 0, 0, last);
            }

            if (last == FaultOutcome.AwaitingDecision)
            {
                return new AccessResult(AccessStatus.Waiting, 0, 0, last);
            }
        }

        throw new InvalidOperationException($"process {pid}: the access at 0x{va:x} kept faulting after the handler fixed it");
    }
}
