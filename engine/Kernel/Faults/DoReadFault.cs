using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>do_read_fault</c> (with <c>do_cow_fault</c> for a write to a private mapping): the page comes from
/// the page cache, read from the file first when it is not there (<see cref="FaultOutcome.FileRead"/>, else
/// <see cref="FaultOutcome.PageCacheHit"/>). A private mapping shares the page-cache page read-only; a write
/// gets its private copy at once (<see cref="DoWpPage"/>).
/// </summary>
internal static class DoReadFault
{
    /// <summary>Maps the file page behind <paramref name="page"/> of <paramref name="area"/> for <paramref name="pid"/>.</summary>
    public static FaultOutcome Handle(KernelCore kernel, int pid, ulong page, in VmArea area, AccessKind access, out ulong frame)
    {
        frame = 0;
        var fileId = kernel.Files.IdOf(area.Path!);
        var offset = area.OffsetOf(page);
        if (FilemapFault.IsPastEndOfFile(kernel, fileId, offset))
        {
            return FaultOutcome.SigBusPastEndOfFile;
        }

        // Room for the tables first: the OOM killer may drop a page-cache page's last mapping, so the page is
        // looked up only once nothing more can be freed under it.
        if (!kernel.RoomForTables(pid, page))
        {
            return FaultOutcome.OutOfMemory;
        }

        var outcome = FaultOutcome.PageCacheHit;
        var fresh = false;
        if (!kernel.PageCache.TryGetValue((fileId, offset), out var cached))
        {
            var grab = kernel.AllocateDataFrame(pid, page, out cached);
            if (grab != KernelCore.FrameGrab.Taken)
            {
                return grab == KernelCore.FrameGrab.Pending ? FaultOutcome.AwaitingDecision : FaultOutcome.OutOfMemory;
            }

            var bytes = new byte[kernel.Machine.Description.PageSize];
            kernel.Machine.Memory.ImportFrame(cached, kernel.Files.ReadPage(fileId, offset, bytes) ? bytes : null);
            kernel.Frames.TakeForFile(cached, pid, fileId, offset, page);
            kernel.PageCache[(fileId, offset)] = cached;
            kernel.Policy.Loaded((int)cached);
            outcome = FaultOutcome.FileRead;
            fresh = true;
        }

        var writable = area.Shared;
        bool mapped;
        using (kernel.Pin(cached))
        {
            mapped = kernel.TryMapPage(pid, page, cached, KernelCore.LeafFlags(area, writable, copyOnWrite: !area.Shared && (area.Permissions & VmaPermissions.Write) != 0));
        }

        if (!mapped)
        {
            if (fresh)
            {
                kernel.FreeDataFrame(cached);
            }

            return FaultOutcome.OutOfMemory;
        }

        frame = cached;
        if (access == AccessKind.Write && !area.Shared)
        {
            var slot = kernel.Walks.LeafSlot(kernel.MemoryOf(pid).Root, page);
            var cow = DoWpPage.Handle(kernel, pid, page, area, slot, kernel.Machine.Memory.Read(slot, kernel.Pte.WidthBytes), out frame);
            return cow == FaultOutcome.OutOfMemory ? cow : outcome;
        }

        return outcome;
    }
}
