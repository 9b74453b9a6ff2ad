using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.Faults.FaultRuleFixtures;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>The shared zero page through the kernel's public calls (issue 11, item 1).</summary>
public class KernelCoreZeroPageTests
{
    private const int Pages = 8;

    [Fact]
    public void Access_ReadThenWriteOfFreshPages_TwoFaultsPerPageAndNoFramesForTheReads()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, Pages);

        for (var i = 0UL; i < Pages; i++)
        {
            Assert.Equal(0UL, kernel.Access(pid, HeapLike + (i * Page), AccessKind.Read).Value);
        }

        Assert.Equal(Pages, kernel.Counters.Faults);
        Assert.Equal(0, kernel.Frames.DataFrames);
        for (var i = 0UL; i < Pages; i++)
        {
            kernel.Access(pid, HeapLike + (i * Page), AccessKind.Write, i + 1);
        }

        Assert.Equal(2 * Pages, kernel.Counters.Faults);
        Assert.Equal(Pages, kernel.Frames.DataFrames);
        Assert.Equal(5UL, kernel.Access(pid, HeapLike + (4 * Page), AccessKind.Read).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Fork_ChildSharesTheZeroPageAndEachWriterGetsItsOwnPage()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel);
        kernel.Access(parent, HeapLike, AccessKind.Read);
        var child = kernel.Fork(parent);
        var zero = kernel.ZeroPageFrame!.Value;

        Assert.Equal(zero, kernel.Pte.FrameOf(LeafOf(kernel, child, HeapLike)));
        kernel.SwitchTo(child);
        kernel.Access(child, HeapLike, AccessKind.Write, 7);
        Assert.Equal(7UL, kernel.Access(child, HeapLike, AccessKind.Read).Value);

        kernel.SwitchTo(parent);
        Assert.Equal(0UL, kernel.Access(parent, HeapLike, AccessKind.Read).Value);
        Assert.Equal(zero, kernel.Pte.FrameOf(LeafOf(kernel, parent, HeapLike)));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Mprotect_ReadOnlyThenWritableAgain_TheZeroPageStaysReadOnly()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Read);

        kernel.Mprotect(pid, HeapLike, Page, VmaPermissions.Read);
        kernel.Mprotect(pid, HeapLike, Page, VmaPermissions.ReadWrite);

        Assert.Equal(PteBits.None, kernel.Pte.Decode(LeafOf(kernel, pid, HeapLike)) & (PteBits.Writable | PteBits.Cow));
        kernel.Access(pid, HeapLike, AccessKind.Write, 3);
        Assert.Equal(3UL, kernel.Access(pid, HeapLike, AccessKind.Read).Value);
        Assert.Equal(0, kernel.Frames.MapCountOf(kernel.ZeroPageFrame!.Value));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void MunmapAndExit_NeverFreeTheZeroPage()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Read);
        kernel.Access(pid, HeapLike + Page, AccessKind.Read);
        var zero = kernel.ZeroPageFrame!.Value;

        kernel.Munmap(pid, HeapLike, Page);
        kernel.Exit(pid, 0);

        Assert.Equal(FrameUse.ZeroPage, kernel.Frames.UseOf(zero));
        Assert.True(kernel.Machine.Frames.IsUsed(zero));
        Assert.Equal(1, kernel.ReservedFrames);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Reclaim_UnderPressure_NeverEvictsTheZeroPage()
    {
        var kernel = NewKernel(options: new KernelOptions { DataFrameLimit = 2, ReplacementPolicy = "fifo" });
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Read);
        for (var i = 1UL; i < 6; i++)
        {
            kernel.Access(pid, HeapLike + (i * Page), AccessKind.Write, i);
        }

        Assert.Equal(kernel.ZeroPageFrame, kernel.Pte.FrameOf(LeafOf(kernel, pid, HeapLike)));
        Assert.Equal(FrameUse.ZeroPage, kernel.Frames.UseOf(kernel.ZeroPageFrame!.Value));
        Assert.True(kernel.Counters.Evictions > 0);
        KernelInvariants.Check(kernel);
    }
}
