using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Tests.Engine.Kernel.Mm;

public class MemoryDescriptorTests
{
    private const ulong Page = 0x1000;
    private const ulong TaskSize = 0x7fff_ffff_f000;
    private const ulong MmapBase = 0x7fff_f7ff_f000;

    private sealed class RecordingObserver : IMappingObserver
    {
        public List<VmArea> Unmapped { get; } = [];

        public List<(ulong Start, ulong End, VmaPermissions Permissions)> Protections { get; } = [];

        void IMappingObserver.Unmapped(in VmArea area) => Unmapped.Add(area);

        public void ProtectionChanged(ulong startAddress, ulong endAddress, VmaPermissions permissions) =>
            Protections.Add((startAddress, endAddress, permissions));
    }

    private static (MemoryDescriptor Mm, RecordingObserver Observer) NewMm()
    {
        var observer = new RecordingObserver();
        var mm = new MemoryDescriptor(Page, TaskSize, observer) { MmapBase = MmapBase, StartBrk = 0x60_0000, Brk = 0x60_0000 };
        return (mm, observer);
    }

    [Fact]
    public void Mmap_NoHint_PlacedTopDownBelowMmapBase()
    {
        var (mm, _) = NewMm();

        var first = mm.Mmap(0, 0x2000, VmaPermissions.ReadWrite, MapFlags.Private, VmaKind.AnonymousMapping);
        var second = mm.Mmap(0, 0x1800, VmaPermissions.Read, MapFlags.Private, VmaKind.AnonymousMapping);

        Assert.Equal(MmapBase - 0x2000, first.Value);
        Assert.Equal(MmapBase - 0x4000, second.Value);
        Assert.Equal(0x2000UL, mm.Vmas.Find(second.Value)!.Value.Length);
    }

    [Fact]
    public void Mmap_FreeHint_IsUsed_BusyHint_FallsBackTopDown()
    {
        var (mm, _) = NewMm();
        Assert.Equal(0x4000_0000UL, mm.Mmap(0x4000_0000, Page, VmaPermissions.Read, MapFlags.Private, VmaKind.AnonymousMapping).Value);
        Assert.Equal(MmapBase - Page, mm.Mmap(0x4000_0000, Page, VmaPermissions.Read, MapFlags.Private, VmaKind.AnonymousMapping).Value);
    }

    [Fact]
    public void Mmap_FixedOverExisting_ReplacesAndReportsUnmap()
    {
        var (mm, observer) = NewMm();
        mm.Mmap(0x4000_0000, 0x4000, VmaPermissions.ReadWrite, MapFlags.Fixed, VmaKind.AnonymousMapping);

        var result = mm.Mmap(0x4000_1000, Page, VmaPermissions.Read, MapFlags.Fixed | MapFlags.Shared, VmaKind.FileMapping, "/data", 0x3000);

        Assert.True(result.Succeeded);
        Assert.Equal([VmArea.Create(0x4000_1000, 0x4000_2000, VmaPermissions.ReadWrite, false, VmaKind.AnonymousMapping)], observer.Unmapped);
        Assert.Equal(3, mm.Vmas.Count);
        Assert.Equal("rw-p", mm.Vmas.Areas[0].PermissionString);
        Assert.Equal("r--s", mm.Vmas.Areas[1].PermissionString);
    }

    [Theory]
    [InlineData(0x4000_0001UL, 0x1000UL, 0UL, MapFlags.Fixed, Errno.EINVAL)]
    [InlineData(0x4000_0000UL, 0UL, 0UL, MapFlags.Private, Errno.EINVAL)]
    [InlineData(0x4000_0000UL, 0x1000UL, 0x10UL, MapFlags.Private, Errno.EINVAL)]
    [InlineData(0x1000UL, 0x1000UL, 0UL, MapFlags.Fixed, Errno.ENOMEM)]
    public void Mmap_BadArguments_FailWithLinuxErrno(ulong address, ulong length, ulong offset, MapFlags flags, Errno expected)
    {
        var (mm, _) = NewMm();
        Assert.Equal(expected, mm.Mmap(address, length, VmaPermissions.Read, flags, VmaKind.AnonymousMapping, null, offset).Error);
        Assert.Equal(0, mm.Vmas.Count);
    }

    [Fact]
    public void Mmap_FixedNoReplaceOverExisting_Eexist()
    {
        var (mm, _) = NewMm();
        mm.Mmap(0x4000_0000, Page, VmaPermissions.Read, MapFlags.Fixed, VmaKind.AnonymousMapping);
        Assert.Equal(Errno.EEXIST, mm.Mmap(0x4000_0000, Page, VmaPermissions.Read, MapFlags.FixedNoReplace, VmaKind.AnonymousMapping).Error);
    }

    [Fact]
    public void Mprotect_HoleInTheMiddle_ChangesAndReportsOnlyTheVmasBeforeTheHoleThenEnomem()
    {
        var (mm, observer) = NewMm();
        mm.Mmap(0x4000_0000, 0x2000, VmaPermissions.ReadWrite, MapFlags.Fixed, VmaKind.AnonymousMapping);
        mm.Mmap(0x4000_3000, 0x1000, VmaPermissions.ReadWrite, MapFlags.Fixed, VmaKind.AnonymousMapping);

        Assert.Equal(Errno.ENOMEM, mm.Mprotect(0x4000_1000, 0x3000, VmaPermissions.Read).Error);

        Assert.Equal(["rw-p", "r--p", "rw-p"], mm.Vmas.Areas.Select(a => a.PermissionString));
        Assert.Equal([(0x4000_1000UL, 0x4000_2000UL, VmaPermissions.Read)], observer.Protections);
    }

    [Fact]
    public void Mprotect_HoleAtTheStart_ChangesNothingAndReportsNothing()
    {
        var (mm, observer) = NewMm();
        mm.Mmap(0x4000_1000, 0x1000, VmaPermissions.ReadWrite, MapFlags.Fixed, VmaKind.AnonymousMapping);

        Assert.Equal(Errno.ENOMEM, mm.Mprotect(0x4000_0000, 0x2000, VmaPermissions.Read).Error);

        Assert.Equal(VmaPermissions.ReadWrite, mm.Vmas.Areas[0].Permissions);
        Assert.Empty(observer.Protections);
    }

    [Fact]
    public void Mprotect_PartOfMapping_SplitsAndReportsToPageTables()
    {
        var (mm, observer) = NewMm();
        mm.Mmap(0x4000_0000, 0x3000, VmaPermissions.ReadWrite, MapFlags.Fixed, VmaKind.AnonymousMapping);

        Assert.True(mm.Mprotect(0x4000_1000, 1, VmaPermissions.Read).Succeeded);

        Assert.Equal(3, mm.Vmas.Count);
        Assert.Equal([(0x4000_1000UL, 0x4000_2000UL, VmaPermissions.Read)], observer.Protections);
        Assert.Equal(Errno.ENOMEM, mm.Mprotect(0x5000_0000, Page, VmaPermissions.Read).Error);
        Assert.Equal(Errno.EINVAL, mm.Mprotect(0x4000_0800, Page, VmaPermissions.Read).Error);
    }

    [Fact]
    public void Munmap_HalfAMapping_KeepsTheOtherHalf()
    {
        var (mm, observer) = NewMm();
        mm.Mmap(0x4000_0000, 0x4000, VmaPermissions.ReadWrite, MapFlags.Fixed, VmaKind.AnonymousMapping);

        Assert.True(mm.Munmap(0x4000_2000, 0x2000).Succeeded);

        Assert.Equal(0x4000_2000UL, Assert.Single(mm.Vmas.Areas).End);
        Assert.Equal(0x2000UL, Assert.Single(observer.Unmapped).Length);
        Assert.Equal(Errno.EINVAL, mm.Munmap(0x4000_0001, Page).Error);
    }

    [Fact]
    public void SetBrk_GrowCreatesHeapThenShrinkGivesPagesBack()
    {
        var (mm, observer) = NewMm();

        Assert.Equal(0x60_0010UL, mm.SetBrk(0x60_0010).Value);
        var heap = Assert.Single(mm.Vmas.Areas);
        Assert.Equal((0x60_0000UL, 0x60_1000UL, VmaKind.Heap), (heap.Start, heap.End, heap.Kind));

        Assert.Equal(0x60_5000UL, mm.SetBrk(0x60_5000).Value);
        Assert.Equal(0x60_5000UL, Assert.Single(mm.Vmas.Areas).End);

        Assert.Equal(0x60_1000UL, mm.SetBrk(0x60_1000).Value);
        Assert.Equal(0x60_1000UL, Assert.Single(mm.Vmas.Areas).End);
        Assert.Equal(0x4000UL, Assert.Single(observer.Unmapped).Length);
    }

    [Fact]
    public void SetBrk_BelowStartOrIntoAMapping_ReturnsOldBreakUnchanged()
    {
        var (mm, _) = NewMm();
        mm.Mmap(0x60_4000, Page, VmaPermissions.Read, MapFlags.Fixed, VmaKind.AnonymousMapping);
        mm.SetBrk(0x60_2000);

        Assert.Equal(0x60_2000UL, mm.SetBrk(0x5f_0000).Value);
        Assert.Equal(0x60_2000UL, mm.SetBrk(0x60_4001).Value);
        Assert.Equal(0x60_2000UL, mm.Brk);
    }

    [Fact]
    public void SetBrk_UpToTheNextMapping_RefusedAsLinuxKeepsAPageClearBelowIt()
    {
        var (mm, _) = NewMm();
        mm.Mmap(0x60_4000, Page, VmaPermissions.Read, MapFlags.Fixed, VmaKind.AnonymousMapping);

        Assert.Equal(0x60_0000UL, mm.SetBrk(0x60_4000).Value);
        Assert.Equal(0x60_3000UL, mm.SetBrk(0x60_3000).Value);
        Assert.Equal(0x60_3000UL, mm.SetBrk(0x60_3001).Value);
    }

    [Fact]
    public void SetBrk_ShrinkAfterTheHeapWasUnmapped_ReturnsOldBreakUnchanged()
    {
        var (mm, _) = NewMm();
        mm.SetBrk(0x60_3000);
        mm.Munmap(0x60_0000, 0x3000);

        Assert.Equal(0x60_3000UL, mm.SetBrk(0x60_1000).Value);
    }

    [Fact]
    public void TryExpandStack_JustBelowWithinLimit_GrowsAndFarBelow_Refuses()
    {
        var (mm, _) = NewMm();
        const ulong top = 0x7fff_ffff_e000;
        mm.Vmas.Insert(new VmArea(top - 0x21000, top, VmaPermissions.ReadWrite, false, VmaKind.Stack));

        Assert.True(mm.TryExpandStack(top - 0x21000 - 8));
        Assert.Equal(top - 0x22000, mm.Vmas.Find(top - 0x21000 - 8)!.Value.Start);
        Assert.False(mm.TryExpandStack(top - (9UL << 20)));
        Assert.True(mm.TryExpandStack(top - 0x100));
    }

    [Fact]
    public void TryExpandStack_IntoGuardGapAboveMapping_Refuses()
    {
        var (mm, _) = NewMm();
        const ulong top = 0x7fff_ffff_e000;
        mm.Vmas.Insert(new VmArea(top - 0x10000, top, VmaPermissions.ReadWrite, false, VmaKind.Stack));
        mm.Mmap(top - 0x10000 - mm.StackGuardGap - 0x1000, Page, VmaPermissions.Read, MapFlags.Fixed, VmaKind.AnonymousMapping);

        Assert.False(mm.TryExpandStack(top - 0x10000 - 0x1000));
    }

    [Fact]
    public void Release_AfterMmapAndBrk_DestroysEveryVmaEntityOfTheWorld()
    {
        var world = new World();
        var mm = new MemoryDescriptor(Page, TaskSize, new RecordingObserver(), world, ownerPid: 3) { MmapBase = MmapBase, StartBrk = 0x60_0000, Brk = 0x60_0000 };
        mm.Mmap(0, 0x2000, VmaPermissions.ReadWrite, MapFlags.Private, VmaKind.AnonymousMapping);
        mm.SetBrk(0x60_3000);
        Assert.Equal(2, world.EntityCount);
        Assert.Equal(3, world.Get<VmaOwner>(mm.Vmas.EntityContaining(0x60_0000)).Pid);

        mm.Release();

        Assert.Equal(0, mm.Vmas.Count);
        Assert.Equal(0, world.EntityCount);
    }
}
