using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.Faults.FaultRuleFixtures;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class DoAnonymousPageTests
{
    [Fact]
    public void Handle_UntouchedPage_MapsAZeroedFrameWritable()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        var outcome = DoAnonymousPage.Handle(kernel, pid, HeapLike, AreaAt(kernel, pid, HeapLike), grew: false, out var frame);

        Assert.Equal(FaultOutcome.DemandZero, outcome);
        Assert.Equal(FrameUse.Anonymous, kernel.Frames.UseOf(frame));
        Assert.Equal(1, kernel.Frames.MapCountOf(frame));
        var read = kernel.Access(pid, HeapLike + 8, AccessKind.Write, 5);
        Assert.Null(read.Fault);
        Assert.Equal(frame, read.PhysicalAddress >> 12);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_ForAGrownStack_StackGrowth()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        Assert.Equal(FaultOutcome.StackGrowth, DoAnonymousPage.Handle(kernel, pid, HeapLike, AreaAt(kernel, pid, HeapLike), grew: true, out _));
    }
}
