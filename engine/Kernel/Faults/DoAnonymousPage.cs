using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>do_anonymous_page</c>: the first touch of an anonymous page (or of a grown stack). A read of private
/// memory maps the shared zero page read-only (no frame of its own; the first write then faults again,
/// <see cref="DoWpPage"/>); a write maps a zeroed frame writable.
/// </summary>
internal static class DoAnonymousPage
{
    /// <summary>
    /// Maps the zero page (a read, see <see cref="KernelCore.MapsZeroPage"/>) or a zeroed frame at
    /// <paramref name="page"/> of <paramref name="pid"/> writable (as far as <paramref name="area"/> allows).
    /// <see cref="FaultOutcome.StackGrowth"/> when the stack <paramref name="grew"/> for it, else
    /// <see cref="FaultOutcome.DemandZero"/>; out of memory or a pending decision change nothing mapped.
    /// </summary>
    public static FaultOutcome Handle(KernelCore kernel, int pid, ulong page, in VmArea area, AccessKind access, bool grew, out ulong frame)
    {
        frame = 0;
        if (kernel.MapsZeroPage(area, access) && kernel.TryGetZeroPage(out var zero))
        {
            // pte_mkspecial(pfn_pte(my_zero_pfn(addr), vma->vm_page_prot)): read-only whatever the VMA allows.
            if (!kernel.TryMapPage(pid, page, zero, KernelCore.LeafFlags(area, writable: false)))
            {
                return FaultOutcome.OutOfMemory;
            }

            frame = zero;
            return grew ? FaultOutcome.StackGrowth : FaultOutcome.DemandZero;
        }

        var grab = kernel.AllocateDataFrame(pid, page, out var zeroed);
        if (grab != KernelCore.FrameGrab.Taken)
        {
            return grab == KernelCore.FrameGrab.Pending ? FaultOutcome.AwaitingDecision : FaultOutcome.OutOfMemory;
        }

        kernel.Frames.TakeForAnonymous(zeroed, pid, page);
        kernel.Policy.Loaded((int)zeroed);
        bool mapped;
        using (kernel.Pin(zeroed))
        {
            mapped = kernel.TryMapPage(pid, page, zeroed, KernelCore.LeafFlags(area, writable: true));
        }

        if (!mapped)
        {
            kernel.FreeDataFrame(zeroed);
            return FaultOutcome.OutOfMemory;
        }

        frame = zeroed;
        return grew ? FaultOutcome.StackGrowth : FaultOutcome.DemandZero;
    }
}
