using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>do_read_fault</c>: a read of a not-present file page. Fault-around comes first
/// (<see cref="DoFaultAround"/>: the pages of the window already in the page cache are mapped, the faulting one
/// among them when it is cached); otherwise the page comes from the page cache, read from the file first when it
/// is not there (<see cref="FaultOutcome.FileRead"/>, the only major case, else <see cref="FaultOutcome.PageCacheHit"/>).
/// The page is mapped read-only: a private mapping shares the page-cache page until a write copies it
/// (<see cref="DoWpPage"/>), and a shared mapping of a disk file is write-protected until its first write so that
/// the kernel learns the page is dirty (Linux's writenotify, as on ext4).
/// </summary>
internal static class DoReadFault
{
    /// <summary>Maps the file page behind <paramref name="page"/> of <paramref name="area"/> for <paramref name="pid"/>, read-only.</summary>
    public static FaultOutcome Handle(KernelCore kernel, int pid, ulong page, in VmArea area, out ulong frame)
    {
        frame = 0;
        if (FilemapFault.Refused(kernel, pid, page, area) is { } refused)
        {
            return refused;
        }

        if (DoFaultAround.Map(kernel, pid, page, area, out frame) is { } around)
        {
            return around;
        }

        var outcome = FilemapFault.Fault(kernel, pid, page, area, out var cached, out var fresh);
        return outcome is FaultOutcome.FileRead or FaultOutcome.PageCacheHit
            ? FilemapFault.MapCachedPage(kernel, pid, page, cached, fresh, ReadOnlyFlags(area), outcome, out frame)
            : outcome;
    }

    /// <summary>
    /// The leaf flags of a page-cache page mapped for a read: never writable (copy-on-write marked in a writable
    /// private mapping; write-notified in a shared one).
    /// </summary>
    public static PteBits ReadOnlyFlags(in VmArea area) =>
        KernelCore.LeafFlags(area, writable: false);
}
