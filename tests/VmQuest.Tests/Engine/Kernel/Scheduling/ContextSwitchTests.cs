using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Scheduling;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Scheduling;

public class ContextSwitchTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Run_OtherProcessForTheFirstTime_LoadsCr3AndFlushesWithOrWithoutPcid(bool pcid)
    {
        var kernel = NewKernel(pcid: pcid);
        var first = NewProcessWithMapping(kernel);
        var second = kernel.CreateProcess("second");
        var before = kernel.Machine.Clock.Cycles;
        var switches = kernel.Counters.ContextSwitches;

        ContextSwitch.Run(kernel, second);

        Assert.Equal(second, kernel.CurrentPid);
        Assert.Equal(kernel.MemoryOf(second).Root, kernel.Machine.Mmu.Cr3);
        Assert.Equal(kernel.MemoryOf(second).Pcid, kernel.Machine.Mmu.Pcid);
        var costs = kernel.Machine.Description.Costs;
        // With PCID its mm takes a new ASID slot, and choose_new_asid flushes a newly taken slot.
        Assert.Equal(costs.ContextSwitch + costs.TlbFlush, kernel.Machine.Clock.Cycles - before);
        Assert.Equal(switches + 1, kernel.Counters.ContextSwitches);
        Assert.Equal((ProcessState.Ready, ProcessState.Running), (kernel.Info(first).State, kernel.Info(second).State));
        var switched = kernel.World.Events<ContextSwitched>().Read()[^1];
        Assert.Equal(new ContextSwitched(first, second, true), switched);
    }

    [Fact]
    public void Run_BackToAProcessThatKeptItsAsidSlot_NoFlushAndItsEntriesAreStillThere()
    {
        var kernel = NewKernel(pcid: true);
        var first = NewProcessWithMapping(kernel);
        Assert.True(kernel.Access(first, HeapLike, AccessKind.Read).Completed);
        var second = NewProcessWithMapping(kernel);
        // Another page: a fault's invlpg would drop the first process's entry for the same address too.
        Assert.True(kernel.Access(second, HeapLike + Page, AccessKind.Read).Completed);
        var before = kernel.Machine.Clock.Cycles;

        ContextSwitch.Run(kernel, first);

        Assert.Equal(kernel.Machine.Description.Costs.ContextSwitch, kernel.Machine.Clock.Cycles - before);
        Assert.False(kernel.World.Events<ContextSwitched>().Read()[^1].TlbFlushed);
        Assert.True(kernel.Machine.Mmu.Tlb.Contains(HeapLike, kernel.MemoryOf(first).Pcid));
        Assert.NotEqual(kernel.MemoryOf(first).Pcid, kernel.MemoryOf(second).Pcid);
    }

    [Fact]
    public void Run_SevenProcessesTakingTurns_EverySwitchFlushesAsLinuxHasOnlySixAsids()
    {
        var kernel = NewKernel(pcid: true);
        var pids = Enumerable.Range(0, DynamicAsids.Count + 1).Select(_ => NewProcessWithMapping(kernel, pages: 1)).ToList();
        foreach (var pid in pids)
        {
            ContextSwitch.Run(kernel, pid);
            Assert.True(kernel.Access(pid, HeapLike, AccessKind.Read).Completed);
        }

        foreach (var pid in pids)
        {
            Assert.True(kernel.SwitchWouldFlush(pid));
            ContextSwitch.Run(kernel, pid);
            Assert.True(kernel.World.Events<ContextSwitched>().Read()[^1].TlbFlushed);
        }

        Assert.Equal(DynamicAsids.Count, pids.Count(pid => kernel.MemoryOf(pid).Pcid != 0));
    }

    [Fact]
    public void Run_SixProcessesTakingTurns_KeepTheirSlotsAndNeverFlushAgain()
    {
        var kernel = NewKernel(pcid: true);
        var pids = Enumerable.Range(0, DynamicAsids.Count).Select(_ => NewProcessWithMapping(kernel, pages: 1)).ToList();
        foreach (var pid in pids)
        {
            ContextSwitch.Run(kernel, pid);
        }

        foreach (var pid in pids)
        {
            Assert.False(kernel.SwitchWouldFlush(pid));
            ContextSwitch.Run(kernel, pid);
        }

        Assert.Equal(pids.Count, pids.Select(pid => kernel.MemoryOf(pid).Pcid).Distinct().Count());
    }

    [Fact]
    public void ResetAddressSpace_RunningProcess_TheNewMmTakesANewAsidSlot()
    {
        var kernel = NewKernel(pcid: true);
        var pid = NewProcessWithMapping(kernel);
        var oldContext = kernel.MemoryOf(pid).ContextId;
        var oldPcid = kernel.MemoryOf(pid).Pcid;

        kernel.ResetAddressSpace(pid);

        Assert.NotEqual(oldContext, kernel.MemoryOf(pid).ContextId);
        Assert.NotEqual(oldPcid, kernel.MemoryOf(pid).Pcid);
        Assert.Equal(kernel.MemoryOf(pid).Pcid, kernel.Machine.Mmu.Pcid);
    }

    [Fact]
    public void Run_AlreadyRunning_ChangesNothing()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        var before = kernel.Machine.Clock.Cycles;

        ContextSwitch.Run(kernel, pid);

        Assert.Equal(before, kernel.Machine.Clock.Cycles);
    }

    [Fact]
    public void Run_Zombie_Throws()
    {
        var kernel = NewKernel();
        NewProcessWithMapping(kernel);
        var other = kernel.CreateProcess("other");
        kernel.Exit(other, 0);

        Assert.Throws<InvalidOperationException>(() => ContextSwitch.Run(kernel, other));
    }
}
