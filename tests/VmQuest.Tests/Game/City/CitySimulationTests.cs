using VmQuest.City.Simulation;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Translation;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Game.City;

public sealed class CitySimulationTests
{
    private const ulong Buffer = 0x4000_0000;

    [Fact]
    public void Systems_Sandbox_TheDriverThenTheKernelSystemsThenTheCity()
    {
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Frames = 256, Processes = 2 }));

        Assert.Equal(
            [
                "Input:", "Input: DriverTickSystem", "Input: ContextSwitchSystem",
                "Simulate:", "Simulate: ProcessScheduleSystem", "Simulate: WorkloadStepSystem",
                "Simulate: MemoryAccessTranslateSystem", "Simulate: PageFaultHandleSystem", "Simulate: KswapdReclaimSystem",
                "ApplyCommands:", "ApplyCommands: CommandBufferPlaybackSystem",
                "Present:", "Present: CityEventsCollectSystem",
            ],
            simulation.Systems);
    }

    [Fact]
    public void Systems_DriverWithItsOwnSchedule_NoKernelSystems()
    {
        var simulation = new CitySimulation(new RequestingDriver(runsKernelSystems: false));

        Assert.DoesNotContain(simulation.Systems, line => line.Contains("MemoryAccessTranslateSystem", StringComparison.Ordinal));
        Assert.Contains("Input: DriverTickSystem", simulation.Systems);
    }

    [Fact]
    public void Tick_DriverRequestsAWrite_ServedFaultedAndStoredInTheSameTick()
    {
        var driver = new RequestingDriver(runsKernelSystems: true);
        var simulation = new CitySimulation(driver);

        simulation.Tick();

        var kernel = simulation.Kernel;
        Assert.Equal(1, kernel.Counters.Faults);
        Assert.Equal(0x2Au, BitConverter.ToUInt64(kernel.PeekUser(driver.Pid, Buffer, 8)));
        Assert.True(simulation.Log.Total > 0, "the city collected the fault's events before the tick ended");
    }

    [Fact]
    public void Tick_DriverWithItsOwnSchedule_RequestNotServedBehindItsBack()
    {
        var driver = new RequestingDriver(runsKernelSystems: false);
        var simulation = new CitySimulation(driver);

        simulation.Tick();

        Assert.Equal(0, simulation.Kernel.Counters.Faults);
    }

    // One process with one anonymous page; its tick asks for a write of 42 there, as the sandbox's programs ask.
    private sealed class RequestingDriver : ISimulationDriver
    {
        public RequestingDriver(bool runsKernelSystems)
        {
            RunsKernelSystems = runsKernelSystems;
            var machine = BuiltinMachines.Load("x86-64").WithImage(null).WithPhysicalMemory(64 << 12);
            Kernel = new KernelCore(machine, new KernelOptions());
            Pid = Kernel.CreateProcess("asker");
            Assert.True(Kernel.Mmap(Pid, Buffer, 4096, VmaPermissions.ReadWrite, MapFlags.Fixed | MapFlags.Private).Succeeded);
            Kernel.SwitchTo(Pid);
        }

        public KernelCore Kernel { get; }

        public int Pid { get; }

        public string Objective => "ask once";

        public bool Finished => false;

        public bool RunsKernelSystems { get; }

        public void Tick() =>
            Kernel.World.Events<MemoryAccessRequested>().Send(new MemoryAccessRequested(Kernel.EntityOf(Pid), Buffer, AccessKind.Write, Value: 42));
    }
}
