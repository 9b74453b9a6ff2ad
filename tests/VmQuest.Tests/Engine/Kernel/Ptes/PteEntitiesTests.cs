using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Ptes;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Ptes;

public class PteEntitiesTests
{
    private static PteLocation LocationOf(KernelCore kernel, Entity entity) =>
        kernel.World.TryGet<PteLocation>(entity, out var location) ? location : throw new InvalidOperationException($"{entity} is not a PTE entity");

    [Fact]
    public void PteEntityAt_AfterDemandFault_NamesSlotPageLevelAndOwner()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        Assert.True(kernel.PteEntityAt(pid, HeapLike).IsNull);

        Assert.True(kernel.Access(pid, HeapLike + 0x123, AccessKind.Write).Completed);

        var entity = kernel.PteEntityAt(pid, HeapLike + 0x456);
        var location = LocationOf(kernel, entity);
        Assert.Equal((HeapLike, pid, 3), (location.VirtualPage, location.Pid, location.Level));
        Assert.Equal(kernel.Walks.LeafSlot(kernel.MemoryOf(pid).Root, HeapLike), location.EntryAddress);
        Assert.Equal(1, kernel.Ptes.CountLive());
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

        Assert.Equal(20, kernel.Ptes.CountLive());
        var location = LocationOf(kernel, kernel.PteEntityAt(child, HeapLike + (9 * Page)));
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
        Assert.Equal(1, kernel.Ptes.CountLive());
        kernel.Exit(pid, 0);
        Assert.Equal(0, kernel.Ptes.CountLive());
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Check_LeafWrittenBehindTheKernelsBack_ReportsTheLeafWithoutOne()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Write);
        var frame = kernel.Machine.Description.Pte.FrameOf(kernel.Walks.ReadLeaf(kernel.MemoryOf(pid).Root, HeapLike));

        // The machine's own table editor, not the kernel: a new leaf table the PTE entities never heard of.
        kernel.Machine.Tables.Map(kernel.MemoryOf(pid).Root, HeapLike + (512 * Page), frame, PteBits.Present | PteBits.User, replacesNotPresent: true);

        var error = Assert.Throws<InvalidOperationException>(() => KernelInvariants.Check(kernel));
        Assert.Contains("has no PTE entity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Destroy_PteEntity_IsRefusedBecauseItIsDerivedFromTheTables()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Write);
        var entity = kernel.PteEntityAt(pid, HeapLike);

        var error = Assert.Throws<InvalidOperationException>(() => kernel.World.Destroy(entity));

        Assert.Contains("derived", error.Message, StringComparison.Ordinal);
        Assert.True(kernel.World.IsAlive(entity));
        Assert.Throws<InvalidOperationException>(() => kernel.World.Get<PteLocation>(entity));
    }

    [Fact]
    public void Faults_MakeNoStructuralChangeToTheWorld()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, pages: 16);
        kernel.Access(pid, HeapLike, AccessKind.Write);   // the leaf table's record is made here
        var (entities, archetypes) = (kernel.World.EntityCount, kernel.World.Archetypes.Count);

        for (ulong p = 1; p < 16; p++)
        {
            Assert.True(kernel.Access(pid, HeapLike + (p * Page), AccessKind.Write).Completed);
        }

        Assert.Equal((entities, archetypes), (kernel.World.EntityCount, kernel.World.Archetypes.Count));
        Assert.Equal(16, kernel.Ptes.CountLive());
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Exit_ThenAnotherProcessReusesTheTable_OldHandlesAreStale()
    {
        var kernel = NewKernel();
        var first = NewProcessWithMapping(kernel);
        kernel.Access(first, HeapLike, AccessKind.Write);
        var old = kernel.PteEntityAt(first, HeapLike);
        kernel.Exit(first, 0);

        var second = NewProcessWithMapping(kernel);
        kernel.Access(second, HeapLike, AccessKind.Write);
        var fresh = kernel.PteEntityAt(second, HeapLike);

        Assert.False(kernel.World.IsAlive(old));
        Assert.True(kernel.World.IsAlive(fresh));
        Assert.Equal(second, LocationOf(kernel, fresh).Pid);
        Assert.Throws<StaleEntityException>(() => kernel.World.TryGet<PteLocation>(old, out _));
        KernelInvariants.Check(kernel);
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
