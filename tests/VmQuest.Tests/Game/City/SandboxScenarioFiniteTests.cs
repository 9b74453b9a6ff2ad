using VmQuest.City.Simulation;
using VmQuest.Engine.Machine.Loading;

namespace VmQuest.Tests.Game.City;

/// <summary>The sandbox run is finite and sized to its machine (issue 8).</summary>
public sealed class SandboxScenarioFiniteTests
{
    private static SandboxSettings Short(string machine, long frames, int processes) =>
        new() { Machine = machine, Frames = frames, Processes = processes, WorkTicks = 400 };

    [Theory]
    [InlineData("x86-64", 16, 3)]
    [InlineData("x86-64", 64, 3)]
    [InlineData("x86-64", 4096, 8)]
    [InlineData("riscv-sv39", 64, 3)]
    [InlineData("i386", 128, 3)]
    [InlineData("ostep-linear", 16, 3)]
    [InlineData("ostep-multilevel", 128, 3)]
    public void Tick_PastTheWork_Issue8_EveryProgramExitsAndTheRunFinishes(string machine, long frames, int processes)
    {
        var scenario = new SandboxScenario(Short(machine, frames, processes));
        var simulation = new CitySimulation(scenario);
        for (var i = 0; i < 400 + ((processes + 2) * 8) + 16 && !simulation.Finished; i++)
        {
            simulation.Tick();
        }

        Assert.True(simulation.Finished, scenario.Objective);
        Assert.Empty(simulation.Kernel.Pids);
        Assert.StartsWith("Finished: every program exited", scenario.Objective, StringComparison.Ordinal);
        Assert.Contains("R runs it again", scenario.Objective, StringComparison.Ordinal);
        Assert.Equal(0L, simulation.Kernel.PageTableFrames);
    }

    [Theory]
    [InlineData("x86-64", 16, 3)]
    [InlineData("x86-64-la57", 64, 3)]
    [InlineData("riscv-sv39", 64, 3)]
    [InlineData("i386", 128, 3)]
    [InlineData("ostep-linear", 16, 3)]
    [InlineData("ostep-multilevel", 128, 3)]
    [InlineData("ostep-multilevel", 4096, 256)]
    public void Tick_Issue8_EveryMachine_ProgramsMapMemoryAndFault(string machine, long frames, int processes)
    {
        // On ostep-multilevel the compact program's fixed mappings sat below the scaled NULL guard, so every
        // mmap failed and nothing ever happened; with more frames than its PTEs can name, spawning hit -1 pids.
        var simulation = new CitySimulation(new SandboxScenario(Short(machine, frames, processes)));
        for (var i = 0; i < 200; i++)
        {
            simulation.Tick();
        }

        Assert.True(simulation.Kernel.Counters.Faults > 0, $"{machine}: no fault in 200 ticks");
        Assert.All(simulation.Kernel.Pids, pid => Assert.True(simulation.Kernel.MmOf(pid).Vmas.Count > 0, $"pid {pid} has no VMA"));
    }

    [Fact]
    public void Tick_AfterFinishing_ChangesNothing()
    {
        var simulation = new CitySimulation(new SandboxScenario(Short("x86-64", 64, 3)));
        while (!simulation.Finished)
        {
            simulation.Tick();
        }

        var cycles = simulation.Kernel.Machine.Clock.Cycles;
        var faults = simulation.Kernel.Counters.Faults;
        for (var i = 0; i < 10_000; i++)
        {
            simulation.Tick();
        }

        Assert.Equal(cycles, simulation.Kernel.Machine.Clock.Cycles);
        Assert.Equal(faults, simulation.Kernel.Counters.Faults);
    }

    [Theory]
    [InlineData(16, 3, 1)]
    [InlineData(32, 3, 2)]
    [InlineData(63, 8, 3)]
    [InlineData(64, 3, 2)]
    [InlineData(4096, 256, 136)]
    [InlineData(16384, 256, 256)]
    public void Constructor_SmallMachine_Issue8_StartsOnlyTheProcessesThatFit(long frames, int asked, int started)
    {
        var scenario = new SandboxScenario(new SandboxSettings { Frames = frames, Processes = asked });
        Assert.Equal(started, scenario.Started);
        Assert.Equal(started, scenario.Kernel.Pids.Count);
        if (started < asked)
        {
            Assert.Contains($"{started} of {asked} programs fit", scenario.Objective, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(24)]
    [InlineData(32)]
    [InlineData(63)]
    public void Tick_TinyMachine_Issue8_PageTablesStayAQuarterOfMemoryAndNothingThrows(long frames)
    {
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Frames = frames, Processes = 256, WorkTicks = 700 }));
        var worst = 0L;
        for (var i = 0; i < 900 && !simulation.Finished; i++)
        {
            simulation.Tick();
            worst = Math.Max(worst, simulation.Kernel.PageTableFrames);
        }

        Assert.True(worst * 4 <= frames + simulation.Kernel.Machine.Description.Levels.Count, $"{worst} of {frames} frames were page tables");
    }

    [Theory]
    [InlineData(64)]
    [InlineData(96)]
    [InlineData(256)]
    public void Tick_SmallElfMachine_Issue8_PageTablesStayAThirdOfMemory(long frames)
    {
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Frames = frames, Processes = 256, WorkTicks = 700 }));
        var worst = 0L;
        for (var i = 0; i < 900 && !simulation.Finished; i++)
        {
            simulation.Tick();
            worst = Math.Max(worst, simulation.Kernel.PageTableFrames);
        }

        Assert.True(worst * 3 <= frames + 10, $"{worst} of {frames} frames were page tables");
    }

    [Fact]
    public void Tick_OstepLinear_Issue8_SomethingHappens()
    {
        // The 16 KiB address space has four pages: the compact program fits it, so faults and switches happen.
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Machine = "ostep-linear", Frames = 16, Processes = 3 }));
        for (var i = 0; i < 60; i++)
        {
            simulation.Tick();
        }

        Assert.True(simulation.Kernel.Counters.Faults > 0);
        Assert.True(simulation.Log.Total > 0);
    }

    [Theory]
    [InlineData("x86-64", 256)]
    [InlineData("riscv-sv39", 64)]
    public void ProcessesThatFit_NeverZero_NeverMoreThanAsked(string machine, int asked)
    {
        var levels = BuiltinMachines.Load(machine).Levels.Count;
        for (long frames = 16; frames <= 1 << 22; frames *= 2)
        {
            foreach (var compact in new[] { true, false })
            {
                var fit = SandboxScenario.ProcessesThatFit(asked, frames, levels, compact);
                Assert.InRange(fit, 1, asked);
            }
        }
    }
}
