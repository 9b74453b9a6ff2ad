using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Memory;

public class FrameTableTests
{
    [Fact]
    public void EntityOf_EveryFrame_RoundTripsThroughTheHandle()
    {
        var world = new World();
        var frames = new FrameTable(world, 1000);

        for (ulong f = 0; f < 1000; f++)
        {
            var entity = frames.EntityOf(f);
            Assert.Equal(f, frames.FrameOf(entity));
            Assert.Equal(FrameUse.Free, world.Get<FrameState>(entity).Use);
        }

        Assert.Throws<ArgumentException>(() => frames.FrameOf(world.Create(new FrameState())));
        Assert.Throws<IndexOutOfRangeException>(() => frames.UseOf(1000));
        Assert.Throws<IndexOutOfRangeException>(() => frames.UseOf(1UL << 40));
    }

    [Fact]
    public void TakeForAnonymous_Frame_ComponentsHoldUseOwnerAndAddress()
    {
        var world = new World();
        var frames = new FrameTable(world, 600);

        frames.TakeForAnonymous(517, ownerPid: 4, va: 0x7000);
        frames.AddMapping(517);

        var entity = frames.EntityOf(517);
        var state = world.Get<FrameState>(entity);
        Assert.Equal(FrameUse.Anonymous, state.Use);
        Assert.Equal(4, state.OwnerPid);
        Assert.Equal(1, state.MapCount);
        Assert.Equal(0x7000UL, world.Get<FrameReverseMap>(entity).VirtualAddress);
        Assert.Equal(1, frames.DataFrames);
    }

    [Fact]
    public void TakeForFile_Frame_ComponentsHoldFilePage()
    {
        var world = new World();
        var frames = new FrameTable(world, 600);

        frames.TakeForFile(300, ownerPid: 2, fileId: 7, offset: 0x3000, va: 0x40_3000);

        var entity = frames.EntityOf(300);
        var backing = world.Get<FrameBacking>(entity);
        Assert.Equal(FrameUse.File, world.Get<FrameState>(entity).Use);
        Assert.Equal((7, 3U), (backing.FileId, backing.Page));
        Assert.Equal(0x40_3000UL, world.Get<FrameReverseMap>(entity).VirtualAddress);
        Assert.Equal((7, 0x3000UL), frames.FilePageOf(300));
    }

    [Fact]
    public void Release_TakenFrame_ClearsFactsAndSwapSlotButKeepsThePin()
    {
        var world = new World();
        var frames = new FrameTable(world, 16);
        frames.TakeForAnonymous(5, ownerPid: 3, va: 0x9000);
        frames.AddToSwapCache(5, swapSlot: 12);
        frames.SetPinned(5, true);

        frames.Release(5);

        var entity = frames.EntityOf(5);
        var state = world.Get<FrameState>(entity);
        Assert.Equal(FrameUse.Free, state.Use);
        Assert.Equal(0, state.OwnerPid);
        Assert.Equal(FrameFlags.Pinned, state.Flags);
        Assert.Equal(default, world.Get<FrameReverseMap>(entity));
        Assert.Equal(default, world.Get<FrameBacking>(entity));
        Assert.Null(frames.SwapSlotOf(5));
        Assert.Equal(0, frames.DataFrames);
    }

    [Fact]
    public void TakeForFile_OffsetNotPageAlignedOrBeyond2To32Pages_Throws()
    {
        var frames = new FrameTable(16);

        Assert.Throws<ArgumentOutOfRangeException>(() => frames.TakeForFile(1, 1, 1, offset: 0x1234));
        Assert.Throws<ArgumentOutOfRangeException>(() => frames.TakeForFile(1, 1, 1, offset: 1UL << 44));
        Assert.Equal(FrameUse.Free, frames.UseOf(1));
    }

    [Fact]
    public void AddToSwapCache_FileOrFreeFrame_IsRefused()
    {
        var frames = new FrameTable(16);
        frames.TakeForFile(3, 1, fileId: 2, offset: 0x2000);

        Assert.Throws<InvalidOperationException>(() => frames.AddToSwapCache(3, 9));
        Assert.Throws<InvalidOperationException>(() => frames.AddToSwapCache(4, 9));
        Assert.Equal((2, 0x2000UL), frames.FilePageOf(3));
    }

    [Fact]
    public void SwapCache_AddThenRemove_FlagAndSlotFollow()
    {
        var frames = new FrameTable(16);
        frames.TakeForAnonymous(2, ownerPid: 1, va: 0);

        frames.AddToSwapCache(2, swapSlot: 9);
        Assert.True(frames.InSwapCache(2));
        Assert.Equal(9UL, frames.SwapSlotOf(2));

        Assert.Equal(9UL, frames.RemoveFromSwapCache(2));
        Assert.False(frames.InSwapCache(2));
        Assert.Null(frames.RemoveFromSwapCache(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => frames.AddToSwapCache(2, 0));
    }

    [Fact]
    public void Query_OverKernelFrameEntities_AgreesWithFrameTable()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, pages: 40);
        for (ulong i = 0; i < 40; i += 2)
        {
            kernel.Access(pid, HeapLike + (i * Page), AccessKind.Write, i);
        }

        var child = kernel.Fork(pid);
        kernel.SwitchTo(child);
        kernel.Access(child, HeapLike, AccessKind.Write, 1);

        var byUse = new int[Enum.GetValues<FrameUse>().Length];
        var mapped = 0;
        kernel.World.Query(new QueryDescription().WithAll<FrameState>(), (ref FrameState s) =>
        {
            byUse[(int)s.Use]++;
            mapped += s.MapCount;
        });

        for (var use = 0; use < byUse.Length; use++)
        {
            Assert.Equal(Enumerable.Range(0, kernel.Frames.Count).Count(f => kernel.Frames.UseOf((ulong)f) == (FrameUse)use), byUse[use]);
        }

        Assert.Equal(kernel.Frames.DataFrames, byUse[(int)FrameUse.Anonymous] + byUse[(int)FrameUse.File]);
        Assert.Equal(Enumerable.Range(0, kernel.Frames.Count).Sum(f => kernel.Frames.MapCountOf((ulong)f)), mapped);
        Assert.Equal(20 + 1, kernel.Frames.DataFrames);
    }

    [Fact]
    public void FrameEntity_KernelFrame_ComponentsDescribeTheFaultedPage()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, pages: 4);
        var frame = kernel.Access(pid, HeapLike + Page, AccessKind.Write, 5).PhysicalAddress >> 12;

        var entity = kernel.FrameEntity(frame);

        Assert.Equal(frame, kernel.Frames.FrameOf(entity));
        Assert.Equal(FrameUse.Anonymous, kernel.World.Get<FrameState>(entity).Use);
        Assert.Equal(pid, kernel.World.Get<FrameState>(entity).OwnerPid);
        Assert.Equal(1, kernel.World.Get<FrameState>(entity).MapCount);
        Assert.Equal(HeapLike + Page, kernel.World.Get<FrameReverseMap>(entity).VirtualAddress);
        Assert.Equal(FrameFlags.None, kernel.World.Get<FrameState>(entity).Flags);
    }

    [Fact]
    public void SwapIn_PageSharedThroughSwap_FrameStaysInSwapCacheUntilTheLastSwapEntryLeaves()
    {
        var kernel = NewKernel(options: new KernelOptions { ReplacementPolicy = "fifo" });
        var pid = NewProcessWithMapping(kernel, pages: 1);
        var frame = kernel.Access(pid, HeapLike, AccessKind.Write, 42).PhysicalAddress >> 12;
        var child = kernel.Fork(pid);
        Assert.True(kernel.EvictFrame(frame));

        var back = kernel.Access(pid, HeapLike, AccessKind.Read);
        var cached = back.PhysicalAddress >> 12;

        Assert.Equal(FaultOutcome.SwapIn, back.Fault);
        Assert.True(kernel.Frames.InSwapCache(cached));
        // Still shared with the child through the swap slot: copy-on-write, so not exclusive (AnonShared).
        Assert.Equal(FrameFlags.SwapCache | FrameFlags.AnonShared, kernel.World.Get<FrameState>(kernel.FrameEntity(cached)).Flags);
        Assert.NotNull(kernel.Frames.SwapSlotOf(cached));

        kernel.SwitchTo(child);
        var shared = kernel.Access(child, HeapLike, AccessKind.Read);

        Assert.Equal(cached, shared.PhysicalAddress >> 12);
        Assert.False(kernel.Frames.InSwapCache(cached));
        Assert.Equal(2, kernel.Frames.MapCountOf(cached));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void AddAndRemoveMapping_ZeroPage_MapCountStaysZeroAndItIsNeverFreed()
    {
        var frames = new FrameTable(8);
        frames.TakeForZeroPage(3);

        frames.AddMapping(3);
        frames.AddMapping(3);
        var left = frames.RemoveMapping(3);

        Assert.Equal(0, frames.MapCountOf(3));
        Assert.Equal(1, frames.ZeroPageMappings);
        Assert.True(left > 0);
        Assert.Equal(0, frames.DataFrames);
        frames.SetPinned(3, false);
        Assert.True(frames.IsPinned(3));
    }
}
