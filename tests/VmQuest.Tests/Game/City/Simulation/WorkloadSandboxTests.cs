using VmQuest.City.Simulation;
using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Tests.Game.City.Simulation;

/// <summary>Workload programs as the sandbox's processes, stepped by the kernel's systems one action per tick.</summary>
public sealed class WorkloadSandboxTests
{
    private const string ForkCow = """
        malloc counter 4K
        write counter = 1
        fork
        if child
          write counter = 2
          exit 0
        else
          wait
        end
        exit 0
        """;

    [Fact]
    public void Tick_ForkCowProgram_OneActionPerTickThenFinished()
    {
        var simulation = new CitySimulation(SandboxDrivers.Create(new SandboxSettings { Frames = 256, Workloads = [WorkloadParser.Parse(ForkCow, "cow.vmw")] }));
        var driver = Assert.IsType<WorkloadSandbox>(simulation.Driver);
        simulation.Tick();
        Assert.False(simulation.Finished);
        Assert.Equal("cow", simulation.Kernel.Info(simulation.Kernel.Pids[0]).Name);

        for (var i = 0; i < 40 && !simulation.Finished; i++)
        {
            simulation.Tick();
        }

        Assert.True(simulation.Finished, driver.Objective);
        Assert.True(simulation.Ticks > 5); // a handful of actions, not all in the first tick
        Assert.Equal(1, simulation.Kernel.Counters.CowCopies);
        Assert.StartsWith("Finished", driver.Objective, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TwoPrograms_TwoProcesses()
    {
        var program = WorkloadParser.Parse("malloc a 8K\nwrite a = 1\nexit 0\n", "a.vmw");
        var driver = SandboxDrivers.Create(new SandboxSettings { Frames = 256, Workloads = [program, program] });

        Assert.Equal(2, driver.Kernel.Pids.Count);
    }
}
