using VmQuest.Engine.Kernel.Processes;

namespace VmQuest.Engine.Kernel.Scheduling;

/// <summary>
/// The context switch (Linux's <c>context_switch</c> → <c>switch_mm_irqs_off</c>): the previous process goes
/// back to ready, CR3 gets the next one's root (<c>CR3 ← next->mm->pgd</c>) with its PCID, and the switch is
/// charged to the clock. The MMU flushes every non-global TLB entry on the load unless PCIDs are on; the
/// refill that costs shows up as the walks that follow, not here.
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
        machine.Mmu.LoadCr3(memory.Root, memory.Pcid);
        machine.Clock.Advance(machine.Description.Costs.ContextSwitch);
        kernel.SetCurrent(pid);
        kernel.Info(pid).State = ProcessState.Running;
        kernel.Counters.ContextSwitches++;
        kernel.Publish(new ContextSwitched(from, pid, !machine.Description.Tlb.Pcid));
    }
}
