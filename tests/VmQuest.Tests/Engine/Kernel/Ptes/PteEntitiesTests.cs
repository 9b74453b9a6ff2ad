using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Ptes;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Ptes;

public class PteEntitiesTests
{
    private static readonly QueryDescription AllPtes = new QueryDescription().WithAll<PteLocation>();

    [Fact]
    public void PteEntityAt_AfterDemandFault_NamesSlotPageLevelAndOwner()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        Assert.True(kernel.PteEntityAt(pid, HeapLike).IsNull);

        Assert.True(kernel.Access(pid, HeapLike + 0x123, AccessKind.Write).Completed);

        var entity = kernel.PteEntityAt(pid, HeapLike + 0x456);
        var location = kernel.World.Get<PteLocation>(entity);
        Assert.Equal((HeapLike, pid, 3), (location.VirtualPage, location.Pid, location.Level));
        Assert.Equal(kernel.Walks.LeafSlot(kernel.MemoryOf(pid).Root, HeapLike), location.EntryAddress);
        Assert.Equal(1, kernel.World.CountEntities(AllPtes));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void PteEntityAt_UnmappedOrUnknown_IsNull()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Write);

        Assert.True(kernel.PteEntityAt(pid, HeapLike + Page).IsNull);         // same table, empty slot
        Assert.True(kernel.PteEntityAt(pid, 0x7000_0000_0000).IsNull);        // no table on the way
        Assert.True(kernel.PteEntityAt(pid + 1, HeapLike).IsNull);            // no such process
    }

    [Fact]
    public void Fork_GivesTheChildOneEntityPerCopiedEntry()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel, pages: 16);
        for (ulong p = 0; p < 10; p++)
        {
            kernel.Access(parent, HeapLike + (p * Page), AccessKind.Write);
        }

        var child = kernel.Fork(parent);

        Assert.Equal(20, kernel.World.CountEntities(AllPtes));
        var location = kernel.World.Get<PteLocation>(kernel.PteEntityAt(child, HeapLike + (9 * Page)));
        Assert.Equal((child, HeapLike + (9 * Page)), (location.Pid, location.VirtualPage));
        Assert.NotEqual(kernel.PteEntityAt(parent, HeapLike), kernel.PteEntityAt(child, HeapLike));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void CopyOnWriteFault_KeepsTheSameEntity()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel);
        kernel.Access(parent, HeapLike, AccessKind.Write);
        var child = kernel.Fork(parent);
        var before = kernel.PteEntityAt(child, HeapLike);
        kernel.SwitchTo(child);

        Assert.True(kernel.Access(child, HeapLike, AccessKind.Write).Completed);

        Assert.Equal(before, kernel.PteEntityAt(child, HeapLike));
        Assert.True(kernel.World.IsAlive(before));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Eviction_KeepsTheEntityForTheSwapEntry()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Write);
        var entity = kernel.PteEntityAt(pid, HeapLike);
        var pte = kernel.Machine.Description.Pte;
        var frame = pte.FrameOf(kernel.Walks.ReadLeaf(kernel.MemoryOf(pid).Root, HeapLike));

        Assert.True(kernel.EvictFrame(frame));

        Assert.False(pte.IsPresent(kernel.Walks.ReadLeaf(kernel.MemoryOf(pid).Root, HeapLike)));
        Assert.Equal(entity, kernel.PteEntityAt(pid, HeapLike));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void MunmapAndExit_DestroyTheEntities()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Write);
        kernel.Access(pid, HeapLike + Page, AccessKind.Write);
        var first = kernel.PteEntityAt(pid, HeapLike);

        Assert.True(kernel.Munmap(pid, HeapLike, Page).Succeeded);

        Assert.False(kernel.World.IsAlive(first));
        Assert.Equal(1, kernel.World.CountEntities(AllPtes));
        kernel.Exit(pid, 0);
        Assert.Equal(0, kernel.World.CountEntities(AllPtes));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Check_RawEntryClearedBehindTheKernelsBack_ReportsTheStrayEntity()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Write);
        var slot = kernel.Walks.LeafSlot(kernel.MemoryOf(pid).Root, HeapLike);

        kernel.Machine.Memory.Write(slot, kernel.Machine.Description.Pte.WidthBytes, 0);

        var error = Assert.Throws<InvalidOperationException>(() => KernelInvariants.Check(kernel));
        Assert.Contains("1 PTE entities but 0 present or swap leaves", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EntityDestroyedBehindTheKernelsBack_ReportsTheLeafWithoutOne()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Write);

        kernel.World.Destroy(kernel.PteEntityAt(pid, HeapLike));

        var error = Assert.Throws<InvalidOperationException>(() => KernelInvariants.Check(kernel));
        Assert.Contains("has no PTE entity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HardwareSetsAccessedAndDirty_StillAgrees()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Read);

        Assert.True(kernel.Access(pid, HeapLike, AccessKind.Write).Completed);   // sets D in the raw entry only

        KernelInvariants.Check(kernel);
    }
}
