using VmQuest.City.Simulation;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Tests.Game.Cli;

namespace VmQuest.Tests.Game.City.Simulation;

/// <summary>A lackey trace replayed as one sandbox process's accesses.</summary>
public sealed class TraceSandboxTests
{
    private static TraceInput Load(string path)
    {
        var machine = SandboxMachine.Describe(new SandboxSettings { Frames = 256 });
        return TraceLoader.ScanLackey(path, machine.PageShift, KernelCore.UserSpaceEnd(machine));
    }

    [Fact]
    public void Tick_SmallTrace_EveryReferenceRequestedThenTheProcessExits()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-sandbox-{Guid.NewGuid():N}.lackey");
        File.WriteAllText(path, "I  00401000,4\n S 00402ffc,8\n L 00402ffc,8\n M 00403000,4\n L 00410000,8\n");
        try
        {
            var trace = Load(path);
            var simulation = new CitySimulation(SandboxDrivers.Create(new SandboxSettings { Frames = 256, AccessesPerTick = 2, Trace = trace }));
            var driver = Assert.IsType<TraceSandbox>(simulation.Driver);
            simulation.Tick();
            Assert.Equal(2, driver.Replayed);

            for (var i = 0; i < 10; i++)
            {
                simulation.Tick();
            }

            Assert.True(simulation.Finished);
            Assert.True(trace.ReferenceCount > 5); // the page-crossing store is two references
            Assert.Equal(trace.ReferenceCount, driver.Replayed);
            Assert.True(simulation.Kernel.Counters.Faults >= 3); // its four pages, the code page fetched first
            Assert.Empty(simulation.Kernel.Pids);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [ValgrindFact]
    public void Tick_RecordedTrace_ReplaysItAllAndFaultsOnItsPages()
    {
        var trace = Load(LackeyRecording.Path);
        var simulation = new CitySimulation(SandboxDrivers.Create(new SandboxSettings { Frames = 256, AccessesPerTick = 4096, Trace = trace }));
        while (!simulation.Finished)
        {
            simulation.Tick();
        }

        Assert.Equal(trace.ReferenceCount, ((TraceSandbox)simulation.Driver).Replayed);
        Assert.True(simulation.Kernel.Counters.Faults >= trace.Regions.Count);
    }
}
