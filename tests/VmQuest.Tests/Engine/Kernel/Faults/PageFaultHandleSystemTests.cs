using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Workloads;
using AccessKind = VmQuest.Engine.Machine.Walk.AccessKind;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class PageFaultHandleSystemTests
{
    // Stands in for translation: raises one fault in the Input phase, before the kernel's systems run.
    private sealed class RaiseOnce(PageFaultRaised fault) : ISystem
    {
        private bool _raised;

        public void Run(World world)
        {
            if (!_raised)
            {
                world.Events<PageFaultRaised>().Send(fault);
                _raised = true;
            }
        }
    }

    // Watches the tick's resolutions after the Simulate phase, before the tick ends and clears them.
    private sealed class Watch(List<PageFaultResolved> seen) : ISystem
    {
        public void Run(World world) => seen.AddRange(world.Events<PageFaultResolved>().Read().ToArray());
    }

    private sealed class Around(ISystem input, ISystem present) : IScheduleModule
    {
        public void Register(Schedule schedule)
        {
            schedule.Add(SimulationPhases.Input, input);
            schedule.Add(SimulationPhases.Present, present);
        }
    }

    private static PageFaultRaised Raised(int pid, ulong va, AccessKind access) =>
        new(pid, va, access, PageFaultErrorCode.User | (access == AccessKind.Write ? PageFaultErrorCode.Write : 0));

    [Fact]
    public void RunTick_FaultRaisedInTheTick_HandledInTheSameTick()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.World.SetResource(kernel);
        var seen = new List<PageFaultResolved>();
        var schedule = SimulationSchedule.Build(new Around(new RaiseOnce(Raised(pid, HeapLike + 8, AccessKind.Write)), new Watch(seen)), new KernelModule());

        schedule.RunTick(kernel.World);

        var resolved = Assert.Single(seen);
        Assert.Equal((pid, HeapLike + 8, FaultOutcome.DemandZero), (resolved.Pid, resolved.Va, resolved.Outcome));
        Assert.Equal(1, kernel.Counters.Faults);
        Assert.True(kernel.Access(pid, HeapLike + 8, AccessKind.Read).Completed);
        Assert.Equal(1, kernel.Counters.Faults); // the retried access finds the page mapped
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Run_FaultTheAccessHandledItself_NotHandledAgain()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.World.SetResource(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Write, 1);
        Assert.Equal(1, kernel.World.Events<PageFaultRaised>().Count);

        new PageFaultHandleSystem().Run(kernel.World);

        Assert.Equal(1, kernel.Counters.Faults);
        Assert.Single(kernel.World.Events<PageFaultResolved>().Read().ToArray());
    }

    [Fact]
    public void Run_Twice_HandlesEachRaisedFaultOnce()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.World.SetResource(kernel);
        kernel.World.Events<PageFaultRaised>().Send(Raised(pid, HeapLike, AccessKind.Write));
        kernel.World.Events<PageFaultRaised>().Send(Raised(pid, HeapLike + Page, AccessKind.Write));
        var system = new PageFaultHandleSystem();

        system.Run(kernel.World);
        system.Run(kernel.World);

        Assert.Equal(2, kernel.Counters.Faults);
        Assert.Equal(2, kernel.Frames.DataFrames);
    }

    [Fact]
    public void Run_FaultOfAProcessThatHasExited_Dropped()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.World.SetResource(kernel);
        kernel.World.Events<PageFaultRaised>().Send(Raised(pid, HeapLike, AccessKind.Read));
        kernel.Exit(pid, 0);

        new PageFaultHandleSystem().Run(kernel.World);

        Assert.Equal(0, kernel.Counters.Faults);
    }

    [Fact]
    public void Run_KernelOfTheWorkloadRunner_HandlesItsFaults()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.World.SetResource(new WorkloadRunner(kernel));
        kernel.World.Events<PageFaultRaised>().Send(Raised(pid, HeapLike, AccessKind.Read));

        new PageFaultHandleSystem().Run(kernel.World);

        Assert.Equal(1, kernel.Counters.Faults);
    }

    [Fact]
    public void Run_WorldWithoutAKernel_DoesNothing()
    {
        var world = new World(1);
        world.Events<PageFaultRaised>().Send(Raised(1, HeapLike, AccessKind.Read));

        new PageFaultHandleSystem().Run(world);

        Assert.Equal(1, world.Events<PageFaultRaised>().Count);
    }
}
