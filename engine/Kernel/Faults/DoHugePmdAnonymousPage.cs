using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>do_huge_pmd_anonymous_page</c> (<c>create_huge_pmd</c> in <c>__handle_mm_fault</c>): the first fault in
/// an empty PMD of a VMA where a huge page is allowed (<see cref="KernelCore.ThpSuitable"/>). A read maps the huge
/// zero page read-only (<c>mm_get_huge_zero_folio</c>, <c>set_huge_zero_folio</c>); a write maps a new, zeroed
/// 2 MiB page writable (<c>__do_huge_pmd_anonymous_page</c>). Either is one fault, a minor one. Without 512
/// aligned free frames (and one for the deposited PTE table) it falls back, and the fault maps a base page.
/// </summary>
internal static class DoHugePmdAnonymousPage
{
    /// <summary>
    /// Maps a huge page for the fault of <paramref name="pid"/> at <paramref name="va"/>; null when it falls back
    /// (<c>VM_FAULT_FALLBACK</c>: nothing was mapped, the PTE path goes on).
    /// </summary>
    public static FaultOutcome? Handle(KernelCore kernel, int pid, ulong va, in VmArea area, AccessKind access, out ulong frame)
    {
        frame = 0;
        var start = va & ~(kernel.HugePageSize - 1);
        if (access != AccessKind.Write && kernel.Options.ZeroPage)
        {
            if (!kernel.TryGetHugeZeroPage(pid, start, out var zero, out var zeroDeposit))
            {
                kernel.Counters.ThpFaultFallback++;
                return null;
            }

            // A read-only PMD whatever the VMA allows: the first write faults again (do_huge_pmd_wp_page).
            kernel.MapHugePmd(pid, start, zero, KernelCore.HugeFlags(area, writable: false), zeroDeposit);
            frame = zero;
            return FaultOutcome.DemandZero;
        }

        if (!kernel.TryAllocateHugePage(pid, start, out var first, out var deposit))
        {
            kernel.Counters.ThpFaultFallback++;
            return null;
        }

        kernel.MapHugePmd(pid, start, first, KernelCore.HugeFlags(area, writable: true), deposit);
        kernel.Counters.ThpFaultAlloc++;
        frame = first + ((va - start) >> kernel.Machine.Description.PageShift);
        return FaultOutcome.DemandZero;
    }
}
