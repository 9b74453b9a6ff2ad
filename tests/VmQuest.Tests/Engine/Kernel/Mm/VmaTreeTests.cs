using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Tests.Engine.Kernel.Mm;

public class VmaTreeTests
{
    private const ulong Page = 0x1000;

    private static VmArea Anon(ulong start, ulong end, VmaPermissions permissions = VmaPermissions.ReadWrite) =>
        VmArea.Create(start, end, permissions, shared: false, VmaKind.AnonymousMapping);

    private static VmArea File(ulong start, ulong end, ulong offset) =>
        VmArea.Create(start, end, VmaPermissions.Read, shared: false, VmaKind.FileMapping, "/lib/libc.so.6", offset);

    [Fact]
    public void Find_AddressesInsideBetweenAndOutside_BinarySearchAnswers()
    {
        var tree = new VmaTree(Page);
        tree.Insert(Anon(0x10000, 0x12000));
        tree.Insert(Anon(0x20000, 0x21000, VmaPermissions.Read));

        Assert.Equal(0x10000UL, tree.Find(0x11fff)!.Value.Start);
        Assert.Null(tree.Find(0x12000));
        Assert.Null(tree.Find(0xffff));
        Assert.Equal(0x20000UL, tree.FindFirstEndingAbove(0x15000)!.Value.Start);
        Assert.Null(tree.FindFirstEndingAbove(0x21000));
    }

    [Fact]
    public void Insert_AdjacentCompatible_MergesIntoOne()
    {
        var tree = new VmaTree(Page);
        tree.Insert(Anon(0x10000, 0x11000));
        tree.Insert(Anon(0x12000, 0x13000));

        var merged = tree.Insert(Anon(0x11000, 0x12000));

        Assert.Equal(1, tree.Count);
        Assert.Equal(Anon(0x10000, 0x13000), merged);
    }

    [Fact]
    public void Insert_AdjacentDifferentPermissionsOrOffsets_StaySeparate()
    {
        var tree = new VmaTree(Page);
        tree.Insert(Anon(0x10000, 0x11000));
        tree.Insert(Anon(0x11000, 0x12000, VmaPermissions.Read));
        tree.Insert(File(0x20000, 0x21000, 0));
        tree.Insert(File(0x21000, 0x22000, 0x5000));
        tree.Insert(File(0x22000, 0x23000, 0x6000));

        Assert.Equal(4, tree.Count);
        Assert.Equal(File(0x21000, 0x23000, 0x5000), tree.Areas[3]);
        tree.CheckInvariants();
    }

    [Fact]
    public void Insert_Overlapping_Throws()
    {
        var tree = new VmaTree(Page);
        tree.Insert(Anon(0x10000, 0x12000));
        Assert.Throws<ArgumentException>(() => tree.Insert(Anon(0x11000, 0x13000)));
        Assert.Throws<ArgumentException>(() => tree.Insert(Anon(0x11000, 0x11000)));
        Assert.Throws<ArgumentException>(() => tree.Insert(Anon(0x11001, 0x13000)));
    }

    [Fact]
    public void Remove_MiddleOfArea_SplitsIntoTwoWithRightFileOffsets()
    {
        var tree = new VmaTree(Page);
        tree.Insert(File(0x10000, 0x20000, 0x3000));

        var removed = tree.Remove(0x14000, 0x16000);

        Assert.Equal([File(0x14000, 0x16000, 0x7000)], removed);
        Assert.Equal([File(0x10000, 0x14000, 0x3000), File(0x16000, 0x20000, 0x9000)], tree.Areas);
    }

    [Fact]
    public void Remove_RangeSpanningHolesAndAreas_RemovesOnlyMappedPieces()
    {
        var tree = new VmaTree(Page);
        tree.Insert(Anon(0x10000, 0x12000));
        tree.Insert(Anon(0x14000, 0x16000, VmaPermissions.Read));
        tree.Insert(Anon(0x18000, 0x1a000));

        var removed = tree.Remove(0x11000, 0x19000);

        Assert.Equal([Anon(0x11000, 0x12000), Anon(0x14000, 0x16000, VmaPermissions.Read), Anon(0x18000, 0x19000)], removed);
        Assert.Equal([Anon(0x10000, 0x11000), Anon(0x19000, 0x1a000)], tree.Areas);
    }

    [Fact]
    public void Protect_MiddleOfArea_SplitsIntoThreeAndRemergesWhenRestored()
    {
        var tree = new VmaTree(Page);
        tree.Insert(Anon(0x10000, 0x20000));

        Assert.True(tree.Protect(0x14000, 0x15000, VmaPermissions.Read));
        Assert.Equal(3, tree.Count);
        Assert.Equal(VmaPermissions.Read, tree.Find(0x14000)!.Value.Permissions);
        Assert.Equal(VmaPermissions.ReadWrite, tree.Find(0x15000)!.Value.Permissions);

        Assert.True(tree.Protect(0x14000, 0x15000, VmaPermissions.ReadWrite));
        Assert.Equal([Anon(0x10000, 0x20000)], tree.Areas);
    }

    [Fact]
    public void Protect_RangeWithHole_FailsAndChangesNothing()
    {
        var tree = new VmaTree(Page);
        tree.Insert(Anon(0x10000, 0x11000));
        tree.Insert(Anon(0x12000, 0x13000));

        Assert.False(tree.Protect(0x10000, 0x13000, VmaPermissions.Read));
        Assert.Equal([Anon(0x10000, 0x11000), Anon(0x12000, 0x13000)], tree.Areas);
    }

    [Fact]
    public void Resize_GrowIntoNeighbour_Throws_GrowIntoGap_Works()
    {
        var tree = new VmaTree(Page);
        tree.Insert(new VmArea(0x10000, 0x11000, VmaPermissions.ReadWrite, false, VmaKind.Heap));
        tree.Insert(Anon(0x20000, 0x21000));

        Assert.Equal(0x18000UL, tree.Resize(0, 0x10000, 0x18000).End);
        Assert.Throws<ArgumentException>(() => tree.Resize(0, 0x10000, 0x21000));
    }

    [Fact]
    public void FindGapTopDown_PicksHighestFreeRangeBelowCeiling()
    {
        var tree = new VmaTree(Page);
        tree.Insert(Anon(0x7000_0000, 0x7001_0000));
        tree.Insert(Anon(0x6fff_0000, 0x6fff_e000));

        Assert.Equal(0x6fff_f000UL, tree.FindGapTopDown(0x1000, 0x1000, 0x7001_0000));
        Assert.Equal(0x6fff_e000UL, tree.FindGapTopDown(0x2000, 0x1000, 0x7001_0000));
        Assert.Equal(0x6ffe_d000UL, tree.FindGapTopDown(0x3000, 0x1000, 0x7001_0000));
        Assert.Equal(0x7001_0000UL, tree.FindGapTopDown(0x1000, 0x1000, 0x7001_1000));
        Assert.Null(tree.FindGapTopDown(0x1_0000_0000, 0x1000, 0x7001_0000));
    }

    [Theory]
    [InlineData(false, false, true, true, false, true)] // private, becoming writable: charged
    [InlineData(false, true, true, true, false, false)] // a shared mapping is never charged
    [InlineData(true, false, false, true, false, false)] // anonymous, losing write, no anon_vma yet: dropped
    [InlineData(true, false, false, true, true, true)] // anonymous with an anon_vma: kept
    [InlineData(true, false, false, false, false, true)] // a file's private mapping (RELRO): kept
    [InlineData(true, false, true, true, false, true)] // still writable: kept
    public void AccountedAfter_MprotectFixupRules_MatchLinux618(bool accounted, bool shared, bool write, bool anonymous, bool hasAnonVma, bool expected)
    {
        var flags = new VmaFlags { Accounted = accounted, Shared = shared, Permissions = VmaPermissions.ReadWrite };
        var permissions = write ? VmaPermissions.ReadWrite : VmaPermissions.Read;

        Assert.Equal(expected, VmaTree.AccountedAfter(flags, permissions, anonymous, hasAnonVma));
    }

    [Fact]
    public void Protect_PartOfAVmaWithAnonymousPages_PiecesKeepTheChargeAsTheyShareTheAnonVma()
    {
        // The pages are in the first page only; the split-off read-only piece keeps VM_ACCOUNT all the same.
        var tree = new VmaTree(Page);
        tree.Insert(Anon(0x10000, 0x13000));

        Assert.True(tree.Protect(0x12000, 0x13000, VmaPermissions.Read, (start, end) => start <= 0x10000 && end > 0x10000));
        tree.Insert(Anon(0x13000, 0x14000, VmaPermissions.Read));

        Assert.Equal(3, tree.Count);
        Assert.True(tree.Areas[1].Accounted);
    }

    [Fact]
    public void Protect_WritablePrivateMadeReadOnly_KeepsAccountingAndDoesNotMergeWithReadOnlyNeighbour()
    {
        // A program's RELRO pages: rw-p data made r--p next to r--p rodata of the same file stay a separate VMA.
        var tree = new VmaTree(Page);
        tree.Insert(File(0x10000, 0x12000, 0));
        tree.Insert(VmArea.Create(0x12000, 0x14000, VmaPermissions.ReadWrite, shared: false, VmaKind.FileMapping, "/lib/libc.so.6", 0x2000));

        Assert.True(tree.Protect(0x12000, 0x13000, VmaPermissions.Read));

        Assert.Equal(3, tree.Count);
        Assert.True(tree.Areas[1].Accounted);
        Assert.False(tree.Areas[0].Accounted);
    }

    [Fact]
    public void Insert_NewArea_CreatesOneEntityWhoseComponentsAreTheArea()
    {
        var world = new World();
        var tree = new VmaTree(Page, world, ownerPid: 7);

        tree.Insert(File(0x10000, 0x12000, 0x3000));

        var entity = tree.EntityContaining(0x11000);
        Assert.Equal(1, world.EntityCount);
        Assert.Equal(entity, tree.EntityAtIndex(0));
        Assert.Equal((0x10000UL, 0x12000UL), (world.Get<VmaRange>(entity).Start, world.Get<VmaRange>(entity).End));
        Assert.Equal(VmaPermissions.Read, world.Get<VmaFlags>(entity).Permissions);
        Assert.False(world.Get<VmaFlags>(entity).Shared);
        Assert.Equal((VmaKind.FileMapping, "/lib/libc.so.6", 0x3000UL), (world.Get<VmaBacking>(entity).Kind, world.Get<VmaBacking>(entity).Path, world.Get<VmaBacking>(entity).FileOffset));
        Assert.Equal(7, world.Get<VmaOwner>(entity).Pid);
        Assert.Equal(Entity.Null, tree.EntityContaining(0x12000));
    }

    [Fact]
    public void Insert_MergingWithBothNeighbours_LowerEntityGrowsAndUpperIsDestroyed()
    {
        var world = new World();
        var tree = new VmaTree(Page, world, ownerPid: 1);
        tree.Insert(Anon(0x10000, 0x11000));
        tree.Insert(Anon(0x12000, 0x13000));
        var lower = tree.EntityAtIndex(0);
        var upper = tree.EntityAtIndex(1);

        tree.Insert(Anon(0x11000, 0x12000));

        Assert.Equal(1, world.EntityCount);
        Assert.Equal(lower, tree.EntityAtIndex(0));
        Assert.False(world.IsAlive(upper));
        Assert.Equal(0x13000UL, world.Get<VmaRange>(lower).End);
    }

    [Fact]
    public void Insert_MergingWithUpperNeighbourOnly_UpperEntityGrowsDownWithItsFileOffset()
    {
        var world = new World();
        var tree = new VmaTree(Page, world, ownerPid: 1);
        tree.Insert(File(0x21000, 0x22000, 0x5000));
        var upper = tree.EntityAtIndex(0);

        tree.Insert(File(0x20000, 0x21000, 0x4000));

        Assert.Equal(1, world.EntityCount);
        Assert.Equal(upper, tree.EntityContaining(0x20000));
        Assert.Equal(0x20000UL, tree.StartAt(0));
        Assert.Equal(0x4000UL, world.Get<VmaBacking>(upper).FileOffset);
        tree.CheckInvariants();
    }

    [Fact]
    public void Protect_MiddleThenBack_SplitsIntoThreeEntitiesThenMergesBackIntoTheFirst()
    {
        var world = new World();
        var tree = new VmaTree(Page, world, ownerPid: 1);
        tree.Insert(Anon(0x10000, 0x13000));
        var first = tree.EntityAtIndex(0);

        tree.Protect(0x11000, 0x12000, VmaPermissions.Read);

        Assert.Equal(3, world.EntityCount);
        Assert.Equal(first, tree.EntityAtIndex(0));
        Assert.Equal(VmaPermissions.Read, world.Get<VmaFlags>(tree.EntityContaining(0x11000)).Permissions);
        Assert.Equal(0x11000UL, world.Get<VmaRange>(first).End);

        tree.Protect(0x11000, 0x12000, VmaPermissions.ReadWrite);

        Assert.Equal(1, world.EntityCount);
        Assert.Equal(first, tree.EntityAtIndex(0));
        Assert.Equal(0x13000UL, world.Get<VmaRange>(first).End);
    }

    [Fact]
    public void Remove_AndClear_DestroyTheRemovedPiecesEntities()
    {
        var world = new World();
        var tree = new VmaTree(Page, world, ownerPid: 1);
        tree.Insert(Anon(0x10000, 0x14000));
        tree.Insert(Anon(0x20000, 0x21000, VmaPermissions.Read));

        tree.Remove(0x11000, 0x12000);

        Assert.Equal(3, world.EntityCount);
        Assert.Equal(Entity.Null, tree.EntityContaining(0x11000));

        tree.Clear();

        Assert.Equal(0, tree.Count);
        Assert.Equal(0, world.EntityCount);
    }

    [Fact]
    public void Resize_StackGrowingDown_RewritesTheEntityInPlace()
    {
        var world = new World();
        var tree = new VmaTree(Page, world, ownerPid: 1);
        tree.Insert(VmArea.Create(0x40000, 0x42000, VmaPermissions.ReadWrite, shared: false, VmaKind.Stack));
        var stack = tree.EntityAtIndex(0);

        tree.Resize(0, 0x3f000, 0x42000);

        Assert.Equal(stack, tree.EntityContaining(0x3f000));
        Assert.Equal(0x3f000UL, world.Get<VmaRange>(stack).Start);
        Assert.Equal(1, world.EntityCount);
    }

    [Fact]
    public void CheckInvariants_EntityMovedBehindTheIndexsBack_Throws()
    {
        var world = new World();
        var tree = new VmaTree(Page, world, ownerPid: 1);
        tree.Insert(Anon(0x10000, 0x12000));

        world.Get<VmaRange>(tree.EntityAtIndex(0)).Start = 0x11000;

        var broken = Assert.Throws<InvalidOperationException>(tree.CheckInvariants);
        Assert.Contains("key", broken.Message);
    }

    [Fact]
    public void CheckInvariants_EntityDestroyedBehindTheIndexsBack_Throws()
    {
        var world = new World();
        var tree = new VmaTree(Page, world, ownerPid: 1);
        tree.Insert(Anon(0x10000, 0x12000));

        world.Destroy(tree.EntityAtIndex(0));

        Assert.Throws<InvalidOperationException>(tree.CheckInvariants);
    }

    [Fact]
    public void TwoTreesInOneWorld_EachOwnsOnlyItsEntities()
    {
        var world = new World();
        var parent = new VmaTree(Page, world, ownerPid: 1);
        var child = new VmaTree(Page, world, ownerPid: 2);
        parent.Insert(Anon(0x10000, 0x12000));

        child.Insert(parent.Areas[0]);

        Assert.Equal(2, world.EntityCount);
        Assert.NotEqual(parent.EntityAtIndex(0), child.EntityAtIndex(0));
        Assert.Equal(2, world.Get<VmaOwner>(child.EntityAtIndex(0)).Pid);
        Assert.Equal(parent.Areas[0], child.Areas[0]);
    }
}
