using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>do_wp_page</c>, the copy-on-write rule: a write to a present read-only page of a writable VMA. A
/// shared mapping just becomes writable (a shared file page was write-protected only so that its first write is
/// seen: <c>wp_page_shared</c> makes it writable and dirty, <see cref="FaultOutcome.SharedWriteNotify"/>); the last sharer of an anonymous page reuses it in place
/// (<c>wp_page_reuse</c>); a page-cache page or a still-shared page is copied to a new anonymous frame
/// (<c>wp_page_copy</c>), and the zero page, mapped by an earlier read, is replaced by a new zeroed one (the same
/// <c>wp_page_copy</c>, reported as <see cref="FaultOutcome.CowCopy"/>).
/// </summary>
internal static class DoWpPage
{
    /// <summary>
    /// Breaks copy-on-write for the page at <paramref name="page"/> of <paramref name="pid"/> whose leaf at
    /// <paramref name="slot"/> holds <paramref name="entry"/>. <paramref name="force"/> copies even a page that could
    /// be reused (fork on a machine that cannot write-protect). <paramref name="frame"/> is the frame mapped after.
    /// </summary>
    public static FaultOutcome Handle(KernelCore kernel, int pid, ulong page, in VmArea area, ulong slot, ulong entry, out ulong frame, bool force = false)
    {
        var pte = kernel.Pte;
        var old = pte.FrameOf(entry);
        frame = old;
        if (area.Shared)
        {
            var dirty = area.IsFileBacked ? PteBits.Dirty : PteBits.None;
            kernel.WriteLeafEntry(pid, slot, page, pte.Encode(old, KernelCore.LeafFlags(area, writable: true) | kernel.Kept(entry) | dirty, leaf: true));
            return area.IsFileBacked ? FaultOutcome.SharedWriteNotify : FaultOutcome.Spurious;
        }

        if (!force && CanReuse(kernel, old))
        {
            // wp_page_reuse: the page is ours alone again (Linux sets PageAnonExclusive).
            kernel.Frames.SetAnonShared(old, false);
            kernel.WriteLeafEntry(pid, slot, page, pte.Encode(old, KernelCore.LeafFlags(area, writable: true) | kernel.Kept(entry), leaf: true));
            return FaultOutcome.CowReuse;
        }

        KernelCore.FrameGrab grab;
        ulong copy;
        using (kernel.Pin(old))
        {
            grab = kernel.AllocateDataFrame(pid, page, out copy);
        }

        if (grab != KernelCore.FrameGrab.Taken)
        {
            return grab == KernelCore.FrameGrab.Pending ? FaultOutcome.AwaitingDecision : FaultOutcome.OutOfMemory;
        }

        // The old page is pinned, but be defensive: if its PTE changed meanwhile, the fault is simply retried.
        slot = kernel.Walks.LeafSlot(kernel.MemoryOf(pid).Root, page);
        if (slot == PageTableWalks.NoSlot || kernel.Machine.Memory.Read(slot, pte.WidthBytes) != entry)
        {
            kernel.Machine.Frames.Free(copy);
            return FaultOutcome.Spurious;
        }

        // wp_page_copy: from the zero page the new page is just zeroed (it already is); otherwise a copy.
        if (!kernel.IsZeroPage(old))
        {
            kernel.Machine.Memory.CopyFrameTo(old, copy);
        }

        kernel.Frames.TakeForAnonymous(copy, pid, page);
        kernel.Policy.Loaded((int)copy);
        kernel.WriteLeafEntry(pid, slot, page, pte.Encode(copy, KernelCore.LeafFlags(area, writable: true), leaf: true));
        kernel.Frames.AddMapping(copy);
        kernel.DropMapping(old);
        frame = copy;
        return FaultOutcome.CowCopy;
    }

    /// <summary>
    /// Linux's <c>wp_can_reuse_anon_folio</c>: reuse needs the page to be truly ours: anonymous, one mapping, and no
    /// swap entry elsewhere still waiting to read it from the swap cache (the swap count counts too).
    /// </summary>
    public static bool CanReuse(KernelCore kernel, ulong frame) =>
        kernel.Frames.UseOf(frame) == FrameUse.Anonymous && kernel.Frames.MapCountOf(frame) == 1 && !kernel.Frames.InSwapCache(frame);
}
