using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Reclaim;

public class ShrinkPageListTests
{
    [Fact]
    public void EvictFrame_AnonymousPage_LeavesASwapEntryAndFreesTheFrame()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        var frame = kernel.Access(pid, HeapLike, AccessKind.Write, 7).PhysicalAddress >> 12;
        var free = kernel.Machine.Frames.FreeCount;

        Assert.True(ShrinkPageList.EvictFrame(kernel, frame));

        Assert.Equal(free + 1, kernel.Machine.Frames.FreeCount);
        Assert.Equal(FrameUse.Free, kernel.Frames.UseOf(frame));
        Assert.Equal(1, kernel.Swap.Used);
        var evicted = kernel.World.Events<PageEvicted>().Read()[^1];
        Assert.Equal((frame, HeapLike), (evicted.Frame, evicted.Va));
        Assert.NotEqual(0UL, evicted.SwapSlot);
        KernelInvariants.Check(kernel);
        Assert.Equal(7UL, kernel.Access(pid, HeapLike, AccessKind.Read).Value);
    }

    [Fact]
    public void EvictFrame_PageTable_Throws()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        var root = kernel.MemoryOf(pid).Root >> 12;

        Assert.Throws<ArgumentException>(() => ShrinkPageList.EvictFrame(kernel, root));
    }

    [Fact]
    public void EvictOne_NothingResident_ReturnsFalse()
    {
        var kernel = NewKernel();
        NewProcessWithMapping(kernel);

        Assert.False(ShrinkPageList.EvictOne(kernel));
    }

    [Fact]
    public void EvictOne_TwoPages_EvictsOneOfThem()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Write, 1);
        kernel.Access(pid, HeapLike + Page, AccessKind.Write, 2);

        Assert.True(ShrinkPageList.EvictOne(kernel));

        Assert.Equal(1, kernel.Frames.DataFrames);
        Assert.Equal(1, kernel.Counters.Evictions);
        KernelInvariants.Check(kernel);
    }
}
