using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.Faults.FaultRuleFixtures;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class DoWpPageTests
{
    private static (KernelCore Kernel, int Parent, int Child) ForkedWithOnePage()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel);
        kernel.Access(parent, HeapLike, AccessKind.Write, 1);
        return (kernel, parent, kernel.Fork(parent));
    }

    private static FaultOutcome BreakCow(KernelCore kernel, int pid, out ulong frame, bool force = false) =>
        DoWpPage.Handle(kernel, pid, HeapLike, AreaAt(kernel, pid, HeapLike), LeafSlotOf(kernel, pid, HeapLike), LeafOf(kernel, pid, HeapLike), out frame, force);

    [Fact]
    public void Handle_PageStillShared_CopiesToANewFrameAndDropsOneMapping()
    {
        var (kernel, _, child) = ForkedWithOnePage();
        var old = kernel.Pte.FrameOf(LeafOf(kernel, child, HeapLike));

        Assert.Equal(FaultOutcome.CowCopy, BreakCow(kernel, child, out var copy));

        Assert.NotEqual(old, copy);
        Assert.Equal(copy, kernel.Pte.FrameOf(LeafOf(kernel, child, HeapLike)));
        Assert.Equal(1, kernel.Frames.MapCountOf(old));
        Assert.Equal(1, kernel.Frames.MapCountOf(copy));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_LastSharer_ReusesThePageInPlace()
    {
        var (kernel, parent, child) = ForkedWithOnePage();
        BreakCow(kernel, child, out _);
        var mine = kernel.Pte.FrameOf(LeafOf(kernel, parent, HeapLike));

        Assert.Equal(FaultOutcome.CowReuse, BreakCow(kernel, parent, out var frame));

        Assert.Equal(mine, frame);
        Assert.True((kernel.Pte.Decode(LeafOf(kernel, parent, HeapLike)) & PteBits.Writable) != 0);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_Forced_CopiesEvenAReusablePage()
    {
        var (kernel, parent, child) = ForkedWithOnePage();
        BreakCow(kernel, child, out _);

        Assert.Equal(FaultOutcome.CowCopy, BreakCow(kernel, parent, out _, force: true));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_WriteAfterAReadMappedTheZeroPage_MapsANewZeroedFrameAndKeepsTheZeroPage()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Read);
        var zero = kernel.ZeroPageFrame!.Value;

        Assert.Equal(FaultOutcome.CowCopy, BreakCow(kernel, pid, out var frame));

        Assert.NotEqual(zero, frame);
        Assert.Equal(FrameUse.Anonymous, kernel.Frames.UseOf(frame));
        Assert.Equal(FrameUse.ZeroPage, kernel.Frames.UseOf(zero));
        Assert.True(kernel.Frames.IsPinned(zero));
        Assert.Equal(new byte[8], kernel.PeekUser(pid, HeapLike, 8));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void CanReuse_OnlyTheSoleMappingOfAnAnonymousPage()
    {
        var (kernel, parent, _) = ForkedWithOnePage();
        var shared = kernel.Pte.FrameOf(LeafOf(kernel, parent, HeapLike));
        Assert.False(DoWpPage.CanReuse(kernel, shared));

        var lone = NewKernel();
        var pid = NewProcessWithMapping(lone);
        lone.Access(pid, HeapLike, AccessKind.Write, 1);
        Assert.True(DoWpPage.CanReuse(lone, lone.Pte.FrameOf(LeafOf(lone, pid, HeapLike))));
    }
}
