using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Memory;

/// <summary>fork's page-table copy, and which VMAs it copies (Linux's <c>vma_needs_copy</c>).</summary>
public class PageTableCopierTests
{
    private const int Pages = 8;
    private const ulong File = HeapLike + 0x4000_0000;

    private static (KernelCore Kernel, int Parent) ParentReading(MapFlags flags, VmaPermissions permissions)
    {
        var kernel = NewKernel();
        kernel.Files.Provide("data.bin", new byte[Pages * Page]);
        var parent = kernel.CreateProcess("parent");
        kernel.SwitchTo(parent);
        Assert.True(kernel.Mmap(parent, File, Pages * Page, permissions, flags | MapFlags.Fixed, "data.bin").Succeeded);
        for (ulong i = 0; i < Pages; i++)
        {
            Assert.True(kernel.Access(parent, File + (i * Page), AccessKind.Read, width: 1).Completed);
        }

        return (kernel, parent);
    }

    private static ulong Leaf(KernelCore kernel, int pid, ulong va) => kernel.Walks.ReadLeaf(kernel.MemoryOf(pid).Root, va);

    [Theory]
    [InlineData(MapFlags.Private, VmaPermissions.Read)]
    [InlineData(MapFlags.Private, VmaPermissions.ReadWrite)]
    [InlineData(MapFlags.Shared, VmaPermissions.ReadWrite)]
    public void Copy_FileMappingWithoutAnonymousPages_ChildGetsNeitherEntriesNorTables(MapFlags flags, VmaPermissions permissions)
    {
        var (kernel, parent) = ParentReading(flags, permissions);

        var child = (int)kernel.TryFork(parent).Value;

        for (ulong i = 0; i < Pages; i++)
        {
            Assert.Equal(0UL, Leaf(kernel, child, File + (i * Page)));
        }

        Assert.Equal(PageTableWalks.NoSlot, kernel.Walks.LeafSlot(kernel.MemoryOf(child).Root, File));
        Assert.True(kernel.Walks.TableFrames(kernel.MemoryOf(child).Root).Count < kernel.Walks.TableFrames(kernel.MemoryOf(parent).Root).Count);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Copy_FileMappingWithoutAnonymousPages_ChildFaultsItInFromThePageCache()
    {
        var (kernel, parent) = ParentReading(MapFlags.Private, VmaPermissions.Read);
        var child = (int)kernel.TryFork(parent).Value;
        kernel.SwitchTo(child);
        var before = kernel.Counters.Faults;

        var read = kernel.Access(child, File, AccessKind.Read, width: 1);

        Assert.Equal(FaultOutcome.PageCacheHit, read.Fault);
        Assert.Equal(before + 1, kernel.Counters.Faults);
        Assert.True(kernel.Pte.IsPresent(Leaf(kernel, child, File + ((Pages - 1) * Page))));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Copy_PrivateFileMappingWithACopiedPage_CopiesEveryEntryOfTheVma()
    {
        var (kernel, parent) = ParentReading(MapFlags.Private, VmaPermissions.ReadWrite);
        Assert.True(kernel.Access(parent, File + (3 * Page), AccessKind.Write, 1, width: 1).Completed);

        var child = (int)kernel.TryFork(parent).Value;

        for (ulong i = 0; i < Pages; i++)
        {
            var entry = Leaf(kernel, child, File + (i * Page));
            Assert.True(kernel.Pte.IsPresent(entry));
            Assert.Equal(kernel.Pte.FrameOf(Leaf(kernel, parent, File + (i * Page))), kernel.Pte.FrameOf(entry));
        }

        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Copy_AnonymousMappingBesideAnUncopiedFileMapping_StillCopied()
    {
        var (kernel, parent) = ParentReading(MapFlags.Private, VmaPermissions.Read);
        Assert.True(kernel.Mmap(parent, File + (Pages * Page), Page, VmaPermissions.ReadWrite, MapFlags.Fixed).Succeeded);
        Assert.True(kernel.Access(parent, File + (Pages * Page), AccessKind.Write, 7, width: 1).Completed);

        var child = (int)kernel.TryFork(parent).Value;

        Assert.True(kernel.Pte.IsPresent(Leaf(kernel, child, File + (Pages * Page))));
        Assert.Equal(0UL, Leaf(kernel, child, File));
        kernel.SwitchTo(child);
        Assert.Equal(7UL, kernel.Access(child, File + (Pages * Page), AccessKind.Read, width: 1).Value);
        KernelInvariants.Check(kernel);
    }
}
