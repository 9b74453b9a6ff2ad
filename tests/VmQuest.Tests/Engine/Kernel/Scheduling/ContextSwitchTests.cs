using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Scheduling;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Scheduling;

public class ContextSwitchTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Run_OtherProcess_LoadsCr3ChargesTheSwitchAndSaysWhetherTheTlbWasFlushed(bool pcid)
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
        Assert.Equal(costs.ContextSwitch + (pcid ? 0 : costs.TlbFlush), kernel.Machine.Clock.Cycles - before);
        Assert.Equal(switches + 1, kernel.Counters.ContextSwitches);
        Assert.Equal((ProcessState.Ready, ProcessState.Running), (kernel.Info(first).State, kernel.Info(second).State));
        var switched = kernel.World.Events<ContextSwitched>().Read()[^1];
        Assert.Equal(new ContextSwitched(first, second, !pcid), switched);
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
