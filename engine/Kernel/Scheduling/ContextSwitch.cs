using VmQuest.Engine.Kernel.Processes;

namespace VmQuest.Engine.Kernel.Scheduling;

/// <summary>
/// The context switch (Linux's <c>context_switch</c> → <c>switch_mm_irqs_off</c>): the previous process goes
/// back to ready, CR3 gets the next one's root (<c>CR3 ← next->mm->pgd</c>) with its PCID, and the switch is
/// charged to the clock. Without PCIDs the load flushes every non-global TLB entry; with them the mm gets an
/// ASID slot from <see cref="DynamicAsids"/> (<c>choose_new_asid</c>) and only a newly taken slot is flushed, so a
/// process switched back while it still owns its slot finds its entries. The refill a flush costs shows up as the
/// walks that follow, not here.
/// </summary>
internal static class ContextSwitch
{
    /// <summary>
    /// Switches to <paramref name="pid"/>; nothing happens when it already runs. Throws when it cannot run (a
    /// zombie, a suspended process, or one whose memory is gone).
    /// </summary>
    internal static void Run(KernelCore kernel, int pid)
    {
        if (kernel.CurrentPid == pid)
        {
            return;
        }

        var memory = kernel.MemoryOf(pid);
        if (memory.Mm is null || kernel.Info(pid).State is ProcessState.Zombie or ProcessState.Suspended)
        {
            throw new InvalidOperationException($"process {pid} cannot run: it is {kernel.Info(pid).State}");
        }

        var from = kernel.CurrentPid;
        if (from != 0 && kernel.Exists(from) && kernel.Info(from).State == ProcessState.Running)
        {
            kernel.Info(from).State = ProcessState.Ready;
        }

        var machine = kernel.Machine;
        bool flushed = LoadMm(kernel, pid);
        machine.Clock.Advance(machine.Description.Costs.ContextSwitch);
        kernel.SetCurrent(pid);
        kernel.Info(pid).State = ProcessState.Running;
        kernel.Counters.ContextSwitches++;
        kernel.Publish(new ContextSwitched(from, pid, flushed));
    }

    /// <summary>
    /// <c>switch_mm_irqs_off</c>'s CR3 write for <paramref name="pid"/>'s mm: without PCIDs a flushing load; with
    /// them the ASID slot <c>choose_new_asid</c> gives, flushed only when newly taken. The mm that lost the slot
    /// keeps no PCID. Returns whether the load flushed the TLB.
    /// </summary>
    internal static bool LoadMm(KernelCore kernel, int pid)
    {
        var mmu = kernel.Machine.Mmu;
        ref var memory = ref kernel.MemoryOf(pid);
        if (!kernel.Machine.Description.Tlb.Pcid)
        {
            mmu.LoadCr3(memory.Root, 0, noFlush: false);
            return true;
        }

        int asid = kernel.Asids.Choose(memory.ContextId, pid, out bool needFlush, out int evicted);
        if (evicted != 0 && evicted != pid && kernel.Exists(evicted)
            && kernel.Asids.Find(kernel.MemoryOf(evicted).ContextId) < 0)
        {
            // The slot held that process's current mm (not one an exec left behind): its entries are gone.
            kernel.MemoryOf(evicted).Pcid = 0;
            memory = ref kernel.MemoryOf(pid);
        }

        memory.Pcid = DynamicAsids.PcidOf(asid);
        mmu.LoadCr3(memory.Root, memory.Pcid, noFlush: !needFlush);
        return needFlush;
    }

}
