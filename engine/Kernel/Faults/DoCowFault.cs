using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>do_cow_fault</c>: the first write to a not-present page of a private file mapping (a program's
/// <c>.data</c>). The page is copied from the page cache (read from the file first when it is not there: the only
/// major case) into a new anonymous frame, which is mapped writable and dirty; the page-cache page itself is not
/// mapped, and the file never sees the write. One fault, counted once, with no fault-around.
/// <para>
/// Linux allocates the private page before it asks the page cache; VmQuest takes the page-cache page first, which
/// changes only which frame each gets. VmQuest keeps a page-cache page only while something maps it, so a page read
/// just for this copy is freed again at once.
/// </para>
/// </summary>
internal static class DoCowFault
{
    /// <summary>Maps a private copy of the file page behind <paramref name="page"/> of <paramref name="area"/> for <paramref name="pid"/>.</summary>
    public static FaultOutcome Handle(KernelCore kernel, int pid, ulong page, in VmArea area, out ulong frame)
    {
        frame = 0;
        if (FilemapFault.Refused(kernel, pid, page, area) is { } refused)
        {
            return refused;
        }

        var outcome = FilemapFault.Fault(kernel, pid, page, area, out var cached, out var fresh);
        if (outcome is not (FaultOutcome.FileRead or FaultOutcome.PageCacheHit))
        {
            return outcome;
        }

        using (kernel.Pin(cached))
        {
            var grab = kernel.AllocateDataFrame(pid, page, out var copy);
            if (grab != KernelCore.FrameGrab.Taken)
            {
                DropIfUnmapped(kernel, cached, fresh);
                return grab == KernelCore.FrameGrab.Pending ? FaultOutcome.AwaitingDecision : FaultOutcome.OutOfMemory;
            }

            kernel.Machine.Memory.CopyFrameTo(cached, copy);
            kernel.Frames.TakeForAnonymous(copy, pid, page);
            kernel.Policy.Loaded((int)copy);
            bool mapped;
            using (kernel.Pin(copy))
            {
                mapped = kernel.TryMapPage(pid, page, copy, KernelCore.LeafFlags(area, writable: true) | PteBits.Dirty);
            }

            if (!mapped)
            {
                kernel.FreeDataFrame(copy);
                DropIfUnmapped(kernel, cached, fresh);
                return FaultOutcome.OutOfMemory;
            }

            frame = copy;
        }

        DropIfUnmapped(kernel, cached, fresh);
        return outcome;
    }

    // A page read from the file only for this copy is mapped nowhere: VmQuest's page cache lets it go.
    private static void DropIfUnmapped(KernelCore kernel, ulong cached, bool fresh)
    {
        if (fresh && kernel.Frames.MapCountOf(cached) == 0)
        {
            kernel.FreeDataFrame(cached);
        }
    }
}
