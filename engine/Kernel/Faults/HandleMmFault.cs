using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>handle_mm_fault</c>, entered as <c>do_user_addr_fault</c> enters it: a bad address, then the VMA
/// lookup (growing the stack), the access check, then the one case the PTE calls for. The only implementation of
/// the fault handler: <see cref="KernelCore.HandleFault"/> (the batch paths) and <see cref="PageFaultHandleSystem"/>
/// (the per-tick schedule) both run it.
/// </summary>
internal static class HandleMmFault
{
    /// <summary>
    /// Handles a fault of <paramref name="pid"/> at <paramref name="va"/> for <paramref name="access"/>, counts it
    /// (<see cref="MmAccountFault"/>) and returns how it was resolved (see <see cref="KernelCore.HandleFault"/>).
    /// </summary>
    public static FaultOutcome Handle(KernelCore kernel, int pid, ulong va, AccessKind access)
    {
        var frame = 0UL;
        var outcome = AwaitsFaultDecision(kernel, pid, va, access) ? FaultOutcome.AwaitingDecision : Resolve(kernel, pid, va, access, out frame);
        MmAccountFault.Account(kernel, pid, va, outcome, frame);
        return outcome;
    }

    /// <summary>
    /// The access the handler acts on. Without a writable bit the hardware cannot catch a later write (nor one after
    /// an mprotect makes the VMA writable): a private page is made the process's own at its first touch, whatever
    /// the access (see CopyPrivatePages).
    /// </summary>
    public static AccessKind EffectiveAccess(KernelCore kernel, in VmArea area, AccessKind access) =>
        !kernel.CanWriteProtect && !area.Shared ? AccessKind.Write : access;

    // Only a decisions object that rules on faults is asked (and only about faults the handler would act on), so a
    // kernel without one handles every fault as before.
    private static bool AwaitsFaultDecision(KernelCore kernel, int pid, ulong va, AccessKind access)
    {
        if (kernel.Options.Decisions is not IFaultDecisions judge)
        {
            return false;
        }

        var forecast = kernel.ForecastFault(pid, va, access);
        return forecast.Outcome != FaultOutcome.Spurious && !judge.MayResolve(kernel, forecast);
    }

    // __handle_mm_fault's PMD step: an empty PMD where a huge page is allowed gets one (create_huge_pmd); a huge PMD
    // takes a write to a read-only one (wp_huge_pmd) or is spurious (huge_pmd_set_accessed). Null: the PTE path goes
    // on (no huge page here, or VM_FAULT_FALLBACK after a failed allocation or a split).
    private static FaultOutcome? HugePmd(KernelCore kernel, int pid, ulong va, in VmArea area, AccessKind access, out ulong frame)
    {
        frame = 0;
        var walks = kernel.Walks;
        var slot = walks.HugeSlot(kernel.MemoryOf(pid).Root, va);
        var entry = slot == PageTableWalks.NoSlot ? 0 : kernel.Machine.Memory.Read(slot, kernel.Pte.WidthBytes);
        if (walks.IsHugeLeaf(walks.HugeLevel, entry))
        {
            var writable = (kernel.Pte.Decode(entry, lastLevel: false) & PteBits.Writable) != 0;
            if (access == AccessKind.Write && !writable)
            {
                return DoHugePmdWpPage.Handle(kernel, pid, va, area, slot, entry, out frame);
            }

            frame = kernel.Pte.FrameOf(entry) + ((va & (kernel.HugePageSize - 1)) >> kernel.Machine.Description.PageShift);
            return FaultOutcome.Spurious;
        }

        return entry == 0 && kernel.ThpSuitable(area, va) ? DoHugePmdAnonymousPage.Handle(kernel, pid, va, area, access, out frame) : null;
    }

    private static FaultOutcome Resolve(KernelCore kernel, int pid, ulong va, AccessKind access, out ulong frame)
    {
        frame = 0;
        // One read of the process's memory component: its mm and its root (which no fault changes).
        ref readonly var memory = ref kernel.MemoryOf(pid);
        var (mm, root) = (memory.Mm ?? throw new InvalidOperationException($"process {pid} has exited; it has no address space"), memory.Root);
        if (BadArea.IsNonCanonical(kernel, va))
        {
            // The CPU raises #GP, not a page fault, for such an access (UserMemoryAccess never gets here with one).
            return FaultOutcome.SegvGeneralProtection;
        }

        if (BadArea.InKernelSpace(kernel, va))
        {
            return FaultOutcome.SegvKernelAddress;
        }

        var page = va & ~(kernel.Machine.Description.PageSize - 1);
        var grew = false;
        if (mm.Vmas.Find(va) is not { } area)
        {
            if (!ExpandStack.TryGrow(mm, va, out area))
            {
                return FaultOutcome.SegvNoMapping;
            }

            grew = true;
        }

        if (BadArea.AccessError(area.Permissions, access) is { } segv)
        {
            return segv;
        }

        access = EffectiveAccess(kernel, area, access);
        // Only a VM_HUGEPAGE VMA gets huge pages, but one may keep them after MADV_NOHUGEPAGE (each has a deposit).
        if (kernel.Walks.HugeLevel >= 0 && (area.HugePage || kernel.DepositedTables > 0) && HugePmd(kernel, pid, va, area, access, out frame) is { } huge)
        {
            return huge;
        }

        var pte = kernel.Pte;
        var slot = kernel.Walks.LeafSlot(root, page);
        var entry = slot == PageTableWalks.NoSlot ? 0 : kernel.Machine.Memory.Read(slot, pte.WidthBytes);
        if (pte.IsPresent(entry))
        {
            frame = pte.FrameOf(entry);
            var writable = (pte.Decode(entry) & PteBits.Writable) != 0;
            return access == AccessKind.Write && !writable ? DoWpPage.Handle(kernel, pid, page, area, slot, entry, out frame) : FaultOutcome.Spurious;
        }

        if (kernel.IsSwapEntry(entry))
        {
            return DoSwapPage.Handle(kernel, pid, page, area, pte.FrameOf(entry), access, out frame);
        }

        if (area.IsFileBacked)
        {
            return DoFault.Handle(kernel, pid, page, area, access, out frame);
        }

        return DoAnonymousPage.Handle(kernel, pid, page, area, access, grew, out frame);
    }
}
