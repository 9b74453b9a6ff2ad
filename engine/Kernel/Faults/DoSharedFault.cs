using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>do_shared_fault</c>: a write to a not-present page of a shared file mapping. The page-cache page
/// itself (read from the file first when it is not there: the only major case) is mapped writable and dirty, so the
/// write reaches the file and every other mapping of it. One fault, with no fault-around.
/// </summary>
internal static class DoSharedFault
{
    /// <summary>Maps the page-cache page behind <paramref name="page"/> of <paramref name="area"/> writable for <paramref name="pid"/>.</summary>
    public static FaultOutcome Handle(KernelCore kernel, int pid, ulong page, in VmArea area, out ulong frame)
    {
        frame = 0;
        if (FilemapFault.Refused(kernel, pid, page, area) is { } refused)
        {
            return refused;
        }

        var outcome = FilemapFault.Fault(kernel, pid, page, area, out var cached, out var fresh);
        return outcome is FaultOutcome.FileRead or FaultOutcome.PageCacheHit
            ? FilemapFault.MapCachedPage(kernel, pid, page, cached, fresh, KernelCore.LeafFlags(area, writable: true) | PteBits.Dirty, outcome, out frame)
            : outcome;
    }
}
