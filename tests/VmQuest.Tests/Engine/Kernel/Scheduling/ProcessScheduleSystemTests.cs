using VmQuest.Engine.Kernel.Scheduling;
using VmQuest.Engine.Kernel.Workloads;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Scheduling;

public class ProcessScheduleSystemTests
{
    [Fact]
    public void Run_NothingRunning_SwitchesToTheFirstReadyAndSendsTheClockBeforeTheSwitch()
    {
        var kernel = NewKernel();
        var runner = new WorkloadRunner(kernel);
        var pid = runner.Spawn(WorkloadParser.Parse("malloc b 4K\nwrite b = 1\nexit 0\n", "one.vmw"));
        kernel.World.SetResource(runner);
        var before = kernel.Machine.Clock.Cycles;

        new ProcessScheduleSystem().Run(kernel.World);

        Assert.Equal(pid, kernel.CurrentPid);
        Assert.Equal(new TickScheduled(pid, before), kernel.World.Events<TickScheduled>().Read()[0]);
        Assert.True(kernel.Machine.Clock.Cycles > before);
    }

    [Fact]
    public void Run_NothingToRun_SendsPidZeroAndSwitchesNothing()
    {
        var kernel = NewKernel();
        kernel.World.SetResource(new WorkloadRunner(kernel));

        new ProcessScheduleSystem().Run(kernel.World);

        Assert.Equal(new TickScheduled(0, kernel.Machine.Clock.Cycles), kernel.World.Events<TickScheduled>().Read()[0]);
        Assert.Equal(0, kernel.CurrentPid);
    }
}
