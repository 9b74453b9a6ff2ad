using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Workloads;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

public class KernelModuleTests
{
    // PageFaultHandleSystem is the fault-handling part's (issue 10); the list is the merged schedule's.
    [Fact]
    public void Register_PinsEveryKernelSystemInOrderPhaseByPhase()
    {
        var schedule = SimulationSchedule.Build(new KernelModule());

        Assert.Equal(
            [
                "Input:",
                "Input: ContextSwitchSystem",
                "Simulate:",
                "Simulate: ProcessScheduleSystem",
                "Simulate: WorkloadStepSystem",
                "Simulate: MemoryAccessTranslateSystem",
                "Simulate: PageFaultHandleSystem",
                "Simulate: KswapdReclaimSystem",
                "ApplyCommands:",
                "ApplyCommands: CommandBufferPlaybackSystem",
                "Present:",
            ],
            schedule.Describe());
    }

    // The per-tick run through the kernel's schedule must give, tick by tick, what the workload step alone gave
    // before the schedule had a scheduler system: same clock, same process on the CPU, same counters.
    [Theory]
    [InlineData(3000)]
    [InlineData(10_000)]
    [InlineData(40_000)]
    public void RunTick_KernelModule_SameTickByTickAsTheWorkloadStepAlone(long cyclesPerTick)
    {
        var withModule = Observe(new KernelModule { CyclesPerTick = cyclesPerTick });
        var stepAlone = Observe(new StepOnlyModule(cyclesPerTick));

        Assert.True(withModule.Count > 1, "the workloads should take more than one tick");
        Assert.Equal(stepAlone, withModule);
    }

    private static List<string> Observe(IScheduleModule module)
    {
        var kernel = NewKernel(memoryBytes: 96 * Page, options: new KernelOptions { TimeSlice = 4000 });
        var runner = new WorkloadRunner(kernel);
        foreach (var name in new[] { "fork-cow.vmw", "thrash.vmw", "hello-heap.vmw" })
        {
            var path = Path.Combine(AppContext.BaseDirectory, "content", "workloads", name);
            runner.Spawn(WorkloadParser.Parse(File.ReadAllText(path), name));
        }

        kernel.World.SetResource(runner);
        var schedule = SimulationSchedule.Build(module);
        var ticks = new List<string>();
        for (var tick = 0; tick < 10_000 && !runner.IsIdle; tick++)
        {
            schedule.RunTick(kernel.World);
            var c = kernel.Counters;
            ticks.Add($"{kernel.Machine.Clock.Cycles} pid {kernel.CurrentPid} acc {c.Accesses} faults {c.Faults} ev {c.Evictions} cs {c.ContextSwitches} oom {c.OomKills}");
        }

        KernelInvariants.Check(kernel);
        return ticks;
    }

    private sealed class StepOnlyModule(long cyclesPerTick) : IScheduleModule
    {
        public void Register(Schedule schedule) =>
            schedule.Add(SimulationPhases.Simulate, new WorkloadStepSystem { CyclesPerTick = cyclesPerTick });
    }
}
