using VmQuest.Engine.Kernel.Translation;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// User memory accesses, the facade the batch paths call: splits an access at a page boundary and runs
/// <see cref="UserPageAccess"/> (translate, handle the fault, retry) on each part.
/// </summary>
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

    private AccessResult AccessWithinPage(int pid, ulong va, AccessKind kind, ulong? value, int width) =>
        UserPageAccess.Run(this, pid, va, kind, value, width);
}
