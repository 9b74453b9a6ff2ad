using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel;

public class ReclaimAndSwapTests
{
    [Fact]
    public void Access_BeyondFrameLimit_EvictsToSwapAndSwapInRestoresContents()
    {
        var kernel = NewKernel(options: new KernelOptions { DataFrameLimit = 3, ReplacementPolicy = "fifo" });
        var pid = NewProcessWithMapping(kernel, pages: 8);
        for (ulong i = 0; i < 5; i++)
        {
            kernel.Access(pid, HeapLike + (i * Page), AccessKind.Write, 100 + i);
        }

        Assert.Equal(3, kernel.Frames.DataFrames);
        Assert.Equal(2, kernel.Counters.Evictions);
        Assert.Equal(2, kernel.Swap.Used);
        KernelInvariants.Check(kernel);

        var back = kernel.Access(pid, HeapLike, AccessKind.Read);
        Assert.Equal(FaultOutcome.SwapIn, back.Fault);
        Assert.Equal(100UL, back.Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Evict_PageSharedAfterFork_BothSwapEntriesShareOneSlot()
    {
        var kernel = NewKernel(options: new KernelOptions { ReplacementPolicy = "fifo" });
        var parent = NewProcessWithMapping(kernel);
        kernel.Access(parent, HeapLike, AccessKind.Write, 7);
        var child = kernel.Fork(parent);

        Assert.True(kernel.EvictOne());

        Assert.Equal(1, kernel.Swap.Used);
        Assert.Equal(2, kernel.Swap.ReferencesOf(1));
        KernelInvariants.Check(kernel);

        kernel.SwitchTo(child);
        Assert.Equal(7UL, kernel.Access(child, HeapLike, AccessKind.Read).Value);
        kernel.SwitchTo(parent);
        var parentRead = kernel.Access(parent, HeapLike, AccessKind.Read);
        Assert.Equal(7UL, parentRead.Value);
        Assert.Equal(FaultOutcome.PageCacheHit, parentRead.Fault); // found in the swap cache: no second read
        Assert.Equal(1, kernel.Frames.DataFrames);
        KernelInvariants.Check(kernel);

        kernel.Access(parent, HeapLike, AccessKind.Write, 8);
        kernel.SwitchTo(child);
        Assert.Equal(7UL, kernel.Access(child, HeapLike, AccessKind.Read).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Evict_CleanFilePage_DroppedWithoutSwapAndReadAgainFromFile()
    {
        var kernel = NewKernel();
        var pid = kernel.CreateProcess("p");
        kernel.Mmap(pid, HeapLike, Page, VmQuest.Engine.Kernel.Mm.VmaPermissions.Read, VmQuest.Engine.Kernel.Mm.MapFlags.Fixed, "/bin/ls");
        kernel.SwitchTo(pid);
        kernel.Access(pid, HeapLike, AccessKind.Read);

        Assert.True(kernel.EvictOne());

        Assert.Equal(0, kernel.Swap.Used);
        Assert.Equal(FaultOutcome.FileRead, kernel.Access(pid, HeapLike, AccessKind.Read).Fault);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Suspend_SwapsOutEverythingResumeBringsPagesBackOnDemand()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, pages: 4);
        for (ulong i = 0; i < 4; i++)
        {
            kernel.Access(pid, HeapLike + (i * Page), AccessKind.Write, i + 1);
        }

        kernel.Suspend(pid);

        Assert.Equal(ProcessState.Suspended, kernel.Info(pid).State);
        Assert.Equal(0, kernel.Frames.DataFrames);
        Assert.Equal(4, kernel.Swap.Used);
        Assert.Throws<InvalidOperationException>(() => kernel.SwitchTo(pid));
        KernelInvariants.Check(kernel);

        kernel.Resume(pid);
        kernel.SwitchTo(pid);
        Assert.Equal(3UL, kernel.Access(pid, HeapLike + (2 * Page), AccessKind.Read).Value);
        Assert.Equal(1, kernel.Frames.DataFrames);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Exit_WithPagesInSwap_FreesTheSlots()
    {
        var kernel = NewKernel(options: new KernelOptions { DataFrameLimit = 1 });
        var pid = NewProcessWithMapping(kernel, pages: 4);
        for (ulong i = 0; i < 4; i++)
        {
            kernel.Access(pid, HeapLike + (i * Page), AccessKind.Write, i);
        }

        Assert.Equal(3, kernel.Swap.Used);
        kernel.Exit(pid, 0);
        Assert.Equal(0, kernel.Swap.Used);
        KernelInvariants.Check(kernel);
    }
}
