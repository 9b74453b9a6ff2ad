using VmQuest.Engine.Kernel.Scheduling;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Scheduling;

public class ContextSwitchSystemTests
{
    [Fact]
    public void Run_RequestForReadyProcess_SwitchesToIt()
    {
        var kernel = NewKernel();
        NewProcessWithMapping(kernel);
        var other = kernel.CreateProcess("other");
        kernel.World.SetResource(kernel);
        kernel.World.Events<ContextSwitchRequested>().Send(new ContextSwitchRequested(other));

        new ContextSwitchSystem().Run(kernel.World);

        Assert.Equal(other, kernel.CurrentPid);
    }

    [Fact]
    public void Run_RequestForExitedOrUnknownProcess_IsIgnored()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        var other = kernel.CreateProcess("other");
        kernel.Exit(other, 0);
        kernel.World.SetResource(kernel);
        kernel.World.Events<ContextSwitchRequested>().Send(new ContextSwitchRequested(other));
        kernel.World.Events<ContextSwitchRequested>().Send(new ContextSwitchRequested(99));

        new ContextSwitchSystem().Run(kernel.World);

        Assert.Equal(pid, kernel.CurrentPid);
    }
}
