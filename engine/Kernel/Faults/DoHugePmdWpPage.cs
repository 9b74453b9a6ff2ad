using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux 6.18's <c>do_huge_pmd_wp_page</c> (<c>wp_huge_pmd</c>): a write to a read-only huge PMD of a writable
/// private VMA.
/// <list type="bullet">
/// <item>The huge zero page: a new huge page replaces it (<c>do_huge_zero_wp_pmd</c>, reported as
/// <see cref="FaultOutcome.CowCopy"/>, like the small zero page's copy); without one the PMD is split into PTEs of
/// the small zero page and the fault falls back.</item>
/// <item>A huge page that is ours alone (<c>PageAnonExclusive</c>, or the folio mapped once and in no swap cache):
/// made writable in place (<see cref="FaultOutcome.CowReuse"/>).</item>
/// <item>A huge page fork shares: the PMD is split and the fault falls back to <c>do_wp_page</c>, which copies one
/// 4 KiB page — Linux 6.18 copies no 2 MiB page on a write to a shared huge page.</item>
/// </list>
/// </summary>
internal static class DoHugePmdWpPage
{
    /// <summary>
    /// Handles the write of <paramref name="pid"/> at <paramref name="va"/> to the huge PMD leaf <paramref name="entry"/>
    /// at <paramref name="slot"/>; null when the PMD was split and the PTE path must go on (<c>VM_FAULT_FALLBACK</c>).
    /// </summary>
    public static FaultOutcome? Handle(KernelCore kernel, int pid, ulong va, in VmArea area, ulong slot, ulong entry, out ulong frame)
    {
        var pte = kernel.Pte;
        var start = va & ~(kernel.HugePageSize - 1);
        var first = pte.FrameOf(entry);
        var offsetFrames = (va - start) >> kernel.Machine.Description.PageShift;
        frame = first + offsetFrames;
        if (kernel.IsHugeZeroPage(first))
        {
            if (kernel.TryAllocateHugePage(pid, start, out var fresh, out var deposit))
            {
                // The new page replaces the zero one under the same PMD; its deposit was kept, the new one goes back.
                kernel.WriteHugeEntry(pid, slot, start, pte.Encode(fresh, KernelCore.HugeFlags(area, writable: true), leaf: true));
                kernel.FreeTable(deposit);
                kernel.Counters.ThpFaultAlloc++;
                frame = fresh + offsetFrames;
                return FaultOutcome.CowCopy;
            }

            kernel.Counters.ThpFaultFallback++;
            kernel.SplitHugePmd(pid, slot, start, entry);
            return null;
        }

        if (!kernel.Frames.IsAnonShared(first) || CanReuse(kernel, first))
        {
            for (var f = first; f < first + kernel.HugePageFrames; f++)
            {
                kernel.Frames.SetAnonShared(f, false);
            }

            kernel.WriteHugeEntry(pid, slot, start, pte.Encode(first, KernelCore.HugeFlags(area, writable: true) | kernel.Kept(entry) | PteBits.Dirty, leaf: true));
            return FaultOutcome.CowReuse;
        }

        kernel.SplitHugePmd(pid, slot, start, entry);
        return null;
    }

    // folio_ref_count == 1: every page of the folio mapped once (by this PMD) and none in the swap cache.
    private static bool CanReuse(KernelCore kernel, ulong first)
    {
        for (var f = first; f < first + kernel.HugePageFrames; f++)
        {
            if (kernel.Frames.UseOf(f) != FrameUse.Anonymous || kernel.Frames.MapCountOf(f) != 1 || kernel.Frames.InSwapCache(f))
            {
                return false;
            }
        }

        return true;
    }
}
