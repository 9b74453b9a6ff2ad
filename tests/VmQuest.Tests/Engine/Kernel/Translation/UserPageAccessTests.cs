using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Translation;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Translation;

public class UserPageAccessTests
{
    [Fact]
    public void Run_FirstWrite_RaisesFaultHandlesItAndRetriesToCompletion()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        var result = UserPageAccess.Run(kernel, pid, HeapLike + 8, AccessKind.Write, 0x2a, 8);

        Assert.Equal(AccessStatus.Completed, result.Status);
        Assert.Equal(FaultOutcome.DemandZero, result.Fault);
        var raised = Assert.Single(kernel.World.Events<PageFaultRaised>().Read().ToArray());
        Assert.Equal((pid, HeapLike + 8), (raised.Pid, raised.Va));
        Assert.Equal(0x2aUL, UserPageAccess.Run(kernel, pid, HeapLike + 8, AccessKind.Read, null, 8).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Run_NoMapping_KillsWithSigSegv()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        var result = UserPageAccess.Run(kernel, pid, 0x1000, AccessKind.Read, null, 8);

        Assert.Equal(AccessStatus.Killed, result.Status);
        Assert.Equal(FaultOutcome.SegvNoMapping, result.Fault);
        Assert.Equal(ProcessState.Zombie, kernel.Info(pid).State);
        Assert.Equal(KernelCore.SigSegv, kernel.Info(pid).KilledBy);
    }
}
