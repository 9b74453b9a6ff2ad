using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>do_fault_around</c> with <c>filemap_map_pages</c>: before a file read fault does any I/O, the pages of
/// the window around it that are already in the page cache are mapped read-only in one go, so a program reading a
/// file mapping page by page faults once per window, not once per page. The window is <c>fault_around_bytes</c>
/// (<see cref="KernelOptions.FaultAroundBytes"/>, 64 KiB) aligned in the <i>virtual</i> address space, clipped to the
/// VMA and to the one page table that holds the faulting entry; only empty PTEs are filled (a swap entry or a
/// present page is left alone), nothing past the end of the file, and none of the extra pages counts as a fault.
/// </summary>
internal static class DoFaultAround
{
    /// <summary>
    /// Maps the cached pages of the window around <paramref name="page"/> of <paramref name="area"/> for
    /// <paramref name="pid"/>. Returns <see cref="FaultOutcome.PageCacheHit"/> when the faulting page was among them
    /// (the fault is done: <paramref name="frame"/> is its frame), <see cref="FaultOutcome.OutOfMemory"/> when no frame
    /// could be had for a table, and null when the faulting page still has to be found (it is not in the page cache).
    /// </summary>
    public static FaultOutcome? Map(KernelCore kernel, int pid, ulong page, in VmArea area, out ulong frame)
    {
        frame = 0;
        var machine = kernel.Machine.Description;
        var pages = WindowPages(kernel.Options.FaultAroundBytes, machine.PageShift);
        if (pages <= 1)
        {
            return null;
        }

        // do_fault_around's arithmetic, in PTE indices of the faulting entry's table.
        var shift = machine.PageShift;
        var entries = 1UL << machine.Levels[machine.Levels.Count - 1].IndexBits;
        var pteOff = (page >> shift) & (entries - 1);
        var vmaOff = (page - area.Start) >> shift;
        var from = Math.Max(pteOff & ~(pages - 1), pteOff - Math.Min(pteOff, vmaOff));
        var to = Math.Min(Math.Min(from + pages, entries), pteOff + (area.Length >> shift) - vmaOff);
        var tableStart = page - (pteOff << shift);
        var fileId = kernel.Files.IdOf(area.Path!);
        var flags = DoReadFault.ReadOnlyFlags(area);
        FaultOutcome? outcome = null;
        for (var index = from; index < to; index++)
        {
            var va = tableStart + (index << shift);
            var offset = area.OffsetOf(va);
            if (FilemapFault.IsPastEndOfFile(kernel, fileId, offset))
            {
                break;
            }

            if (!kernel.PageCache.TryGetValue((fileId, offset), out var cached) || !IsEmpty(kernel, pid, va))
            {
                continue;
            }

            bool mapped;
            using (kernel.Pin(cached))
            {
                mapped = kernel.TryMapPage(pid, va, cached, flags);
            }

            if (!mapped)
            {
                return FaultOutcome.OutOfMemory;
            }

            if (va == page)
            {
                frame = cached;
                outcome = FaultOutcome.PageCacheHit;
            }
        }

        return outcome;
    }

    /// <summary>Linux's <c>fault_around_pages</c>: the window in pages, a power of two (1 or less: no fault-around).</summary>
    public static ulong WindowPages(ulong faultAroundBytes, int pageShift)
    {
        var pages = faultAroundBytes >> pageShift;
        return pages <= 1 ? pages : 1UL << (63 - System.Numerics.BitOperations.LeadingZeroCount(pages));
    }

    // filemap_map_pages fills only pte_none entries.
    private static bool IsEmpty(KernelCore kernel, int pid, ulong va)
    {
        var slot = kernel.Walks.LeafSlot(kernel.MemoryOf(pid).Root, va);
        return slot == PageTableWalks.NoSlot || kernel.Machine.Memory.Read(slot, kernel.Pte.WidthBytes) == 0;
    }
}
