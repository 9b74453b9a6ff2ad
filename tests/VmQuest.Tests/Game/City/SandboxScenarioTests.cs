using VmQuest.City.Simulation;

namespace VmQuest.Tests.Game.City;

public sealed class SandboxScenarioTests
{
    [Theory]
    [InlineData("x86-64")]
    [InlineData("x86-64-la57")]
    [InlineData("i386")]
    [InlineData("riscv-sv39")]
    [InlineData("ostep-linear")]
    [InlineData("ostep-multilevel")]
    public void Tick_OnEveryBuiltinMachine_RunsWithoutThrowing(string machine)
    {
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Machine = machine, Frames = 128, Processes = 3 }));
        for (var i = 0; i < 200; i++)
        {
            simulation.Tick();
        }

        Assert.Equal(200, simulation.Ticks);
        Assert.NotEmpty(simulation.Kernel.Pids);
    }

    [Fact]
    public void Tick_SameSettings_SameKernelState()
    {
        static (long Cycles, long Faults, long Used) Run()
        {
            var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Frames = 96, Processes = 3 }));
            for (var i = 0; i < 300; i++)
            {
                simulation.Tick();
            }

            var kernel = simulation.Kernel;
            return (kernel.Machine.Clock.Cycles, kernel.Counters.Faults, (long)(kernel.Machine.Frames.FrameCount - kernel.Machine.Frames.FreeCount));
        }

        Assert.Equal(Run(), Run());
    }
}
