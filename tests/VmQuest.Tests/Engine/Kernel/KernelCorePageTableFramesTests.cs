using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>A page-table frame's entity says it holds a page table and whose, from the first table to exit.</summary>
public class KernelCorePageTableFramesTests
{
    private static void AssertTablesOwnedBy(KernelCore kernel, int pid)
    {
        var tables = kernel.Walks.TableFrames(kernel.MemoryOf(pid).Root);
        Assert.NotEmpty(tables);
        Assert.All(tables, table =>
        {
            Assert.Equal(FrameUse.PageTable, kernel.Frames.UseOf(table));
            Assert.Equal(pid, kernel.Frames.OwnerOf(table));
        });
    }

    [Fact]
    public void FrameUse_TablesMadeByAFault_ArePageTablesOfTheFaultingProcess()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, pages: 4);

        Assert.True(kernel.Access(pid, HeapLike, AccessKind.Write, 1).Completed);

        Assert.True(kernel.Walks.TableFrames(kernel.MemoryOf(pid).Root).Count > 1);
        AssertTablesOwnedBy(kernel, pid);
    }

    [Fact]
    public void FrameUse_TablesForkCopied_ArePageTablesOfTheChild()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel, pages: 4);
        Assert.True(kernel.Access(parent, HeapLike, AccessKind.Write, 1).Completed);

        var child = kernel.Fork(parent);

        AssertTablesOwnedBy(kernel, parent);
        AssertTablesOwnedBy(kernel, child);
    }

    [Fact]
    public void FrameUse_AfterExit_TheTablesAreFreeAgain()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, pages: 4);
        Assert.True(kernel.Access(pid, HeapLike, AccessKind.Write, 1).Completed);
        var tables = kernel.Walks.TableFrames(kernel.MemoryOf(pid).Root);

        kernel.Exit(pid, 0);

        Assert.All(tables, table => Assert.Equal((FrameUse.Free, 0), (kernel.Frames.UseOf(table), kernel.Frames.OwnerOf(table))));
    }
}
