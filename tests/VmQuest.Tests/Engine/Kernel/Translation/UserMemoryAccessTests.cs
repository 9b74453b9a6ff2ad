using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Translation;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Translation;

public class UserMemoryAccessTests
{
    private static AccessResult Run(KernelCore kernel, int pid, ulong va, AccessKind kind, ulong? value = null, int width = 8)
    {
        var none = default(NoWalkObserver);
        return UserMemoryAccess.Run(kernel, pid, va, kind, value, width, ref none);
    }

    [Fact]
    public void Run_TlbMiss_ReportsEveryLevelOfTheWalkToTheObserver()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        Run(kernel, pid, HeapLike, AccessKind.Write, 1);
        kernel.Machine.Mmu.FlushTlb();
        var steps = new List<WalkStep>();
        var observer = new ListWalkObserver(steps);

        Assert.True(UserMemoryAccess.Run(kernel, pid, HeapLike, AccessKind.Read, null, 8, ref observer).Completed);

        Assert.Equal(kernel.Machine.Description.Levels.Count, steps.Count);
    }

    [Fact]
    public void Run_AcrossAPageBoundary_TouchesBothPagesLowerFirst()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        var written = Run(kernel, pid, HeapLike + Page - 4, AccessKind.Write, 0x1122_3344_5566_7788);

        Assert.True(written.Completed);
        Assert.Equal(2, kernel.Frames.DataFrames);
        Assert.Equal(0x5566_7788UL, Run(kernel, pid, HeapLike + Page - 4, AccessKind.Read, width: 4).Value);
        Assert.Equal(0x1122_3344UL, Run(kernel, pid, HeapLike + Page, AccessKind.Read, width: 4).Value);
        Assert.Equal(0x1122_3344_5566_7788UL, Run(kernel, pid, HeapLike + Page - 4, AccessKind.Read).Value);
    }

    [Fact]
    public void Run_ProcessNotRunning_Throws()
    {
        var kernel = NewKernel();
        NewProcessWithMapping(kernel);
        var other = kernel.CreateProcess("other");

        Assert.Throws<InvalidOperationException>(() => Run(kernel, other, HeapLike, AccessKind.Read));
    }

    [Fact]
    public void Run_FirstWrite_RaisesFaultHandlesItAndRetriesToCompletion()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        var result = Run(kernel, pid, HeapLike + 8, AccessKind.Write, 0x2a);

        Assert.Equal(AccessStatus.Completed, result.Status);
        Assert.Equal(FaultOutcome.DemandZero, result.Fault);
        var raised = Assert.Single(kernel.World.Events<PageFaultRaised>().Read().ToArray());
        Assert.Equal((pid, HeapLike + 8), (raised.Pid, raised.Va));
        Assert.Equal(0x2aUL, Run(kernel, pid, HeapLike + 8, AccessKind.Read).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Run_NoMapping_KillsWithSigSegv()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        var result = Run(kernel, pid, 0x1000, AccessKind.Read);

        Assert.Equal(AccessStatus.Killed, result.Status);
        Assert.Equal(FaultOutcome.SegvNoMapping, result.Fault);
        Assert.Equal(ProcessState.Zombie, kernel.Info(pid).State);
        Assert.Equal(KernelCore.SigSegv, kernel.Info(pid).KilledBy);
    }
}
