using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.Faults.FaultRuleFixtures;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class DoSwapPageTests
{
    private static FaultOutcome SwapBack(KernelCore kernel, int pid, AccessKind access, out ulong frame) =>
        DoSwapPage.Handle(kernel, pid, HeapLike, AreaAt(kernel, pid, HeapLike), kernel.Pte.FrameOf(LeafOf(kernel, pid, HeapLike)), access, out frame);

    [Fact]
    public void Handle_SwappedOutPage_ReadsItBackExclusiveAndFreesTheSlot()
    {
        var kernel = NewKernel(options: new KernelOptions { ReplacementPolicy = "fifo" });
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Write, 42);
        Assert.True(kernel.EvictOne());

        Assert.Equal(FaultOutcome.SwapIn, SwapBack(kernel, pid, AccessKind.Read, out _));

        Assert.Equal(0, kernel.Swap.Used);
        Assert.True((kernel.Pte.Decode(LeafOf(kernel, pid, HeapLike)) & PteBits.Writable) != 0);
        Assert.Equal(42UL, kernel.Access(pid, HeapLike, AccessKind.Read).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_SlotSharedAfterFork_SecondSharerHitsTheSwapCache()
    {
        var kernel = NewKernel(options: new KernelOptions { ReplacementPolicy = "fifo" });
        var parent = NewProcessWithMapping(kernel);
        kernel.Access(parent, HeapLike, AccessKind.Write, 7);
        var child = kernel.Fork(parent);
        Assert.True(kernel.EvictOne());

        Assert.Equal(FaultOutcome.SwapIn, SwapBack(kernel, child, AccessKind.Read, out var first));
        Assert.Equal(FaultOutcome.PageCacheHit, SwapBack(kernel, parent, AccessKind.Read, out var second));

        Assert.Equal(first, second);
        Assert.Equal(2, kernel.Frames.MapCountOf(first));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_WriteWhileTheSlotIsShared_GetsAPrivateCopy()
    {
        var kernel = NewKernel(options: new KernelOptions { ReplacementPolicy = "fifo" });
        var parent = NewProcessWithMapping(kernel);
        kernel.Access(parent, HeapLike, AccessKind.Write, 7);
        var child = kernel.Fork(parent);
        Assert.True(kernel.EvictOne());

        Assert.Equal(FaultOutcome.SwapIn, SwapBack(kernel, child, AccessKind.Write, out var copy));

        Assert.Equal(1, kernel.Frames.MapCountOf(copy));
        Assert.Equal(1, kernel.Swap.Used); // the parent still holds the slot
        KernelInvariants.Check(kernel);
    }
}
