using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>do_swap_page</c>: the PTE holds a swap entry. The page is read back from swap
/// (<see cref="FaultOutcome.SwapIn"/>) unless the swap cache still has it (<see cref="FaultOutcome.PageCacheHit"/>);
/// while other PTEs hold the slot the frame stays in the swap cache and is shared copy-on-write.
/// </summary>
internal static class DoSwapPage
{
    /// <summary>Brings the page of <paramref name="swapSlot"/> back at <paramref name="page"/> of <paramref name="pid"/>.</summary>
    public static FaultOutcome Handle(KernelCore kernel, int pid, ulong page, in VmArea area, ulong swapSlot, AccessKind access, out ulong frame)
    {
        var outcome = FaultOutcome.PageCacheHit;
        if (!kernel.SwapCache.TryGetValue(swapSlot, out frame))
        {
            var grab = kernel.AllocateDataFrame(pid, page, out var fresh);
            if (grab != KernelCore.FrameGrab.Taken)
            {
                return grab == KernelCore.FrameGrab.Pending ? FaultOutcome.AwaitingDecision : FaultOutcome.OutOfMemory;
            }

            // Reclaim during allocation cannot touch this not-present entry, so the slot is still ours.
            kernel.Machine.Memory.ImportFrame(fresh, kernel.Swap.Load(swapSlot));
            kernel.Frames.TakeForAnonymous(fresh, pid, page);
            kernel.Policy.Loaded((int)fresh);
            frame = fresh;
            outcome = FaultOutcome.SwapIn;
        }

        // The PTE leaves swap: the slot loses a reference. While others still hold it, the frame stays in
        // the swap cache and is shared copy-on-write.
        kernel.Swap.DropReference(swapSlot);
        var shared = kernel.Swap.ReferencesOf(swapSlot) > 0;
        if (shared)
        {
            kernel.SwapCache[swapSlot] = frame;
            kernel.Frames.AddToSwapCache(frame, swapSlot);
        }
        else if (kernel.SwapCache.Remove(swapSlot))
        {
            kernel.Frames.RemoveFromSwapCache(frame);
        }

        // Exclusive only when no other PTE holds the slot and no other process already maps the frame from the
        // swap cache; otherwise the page is shared copy-on-write like any page shared after fork.
        var exclusive = !shared && kernel.Frames.MapCountOf(frame) == 0;
        var pte = kernel.Pte;
        var slot = kernel.Walks.LeafSlot(kernel.MemoryOf(pid).Root, page);
        kernel.WriteLeafEntry(pid, slot, page, pte.Encode(frame, KernelCore.LeafFlags(area, writable: exclusive), leaf: true));
        kernel.Frames.SetAnonShared(frame, !exclusive && !area.Shared && (area.Permissions & VmaPermissions.Write) != 0);
        kernel.Frames.AddMapping(frame);
        if (access == AccessKind.Write && !exclusive)
        {
            return DoWpPage.Handle(kernel, pid, page, area, slot, kernel.Machine.Memory.Read(slot, pte.WidthBytes), out frame) == FaultOutcome.OutOfMemory
                ? FaultOutcome.OutOfMemory
                : outcome;
        }

        return outcome;
    }
}
