using VmQuest.Engine.Kernel;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>
/// The hot paths make no garbage: what a fault allocates is what it keeps — the simulated memory of the page tables
/// it needs (one 4 KiB table per 512 pages: 8 bytes a page) and the growth of the replacement policy's list of frames
/// in use (amortised, a few bytes a new frame). Before the PTE entities were derived, each fault also made one.
/// </summary>
public class HotPathAllocationTests
{
    private const int Pages = 8192;

    [Fact]
    public void Access_DemandZeroFaults_AllocateOnlyTheirPageTables()
    {
        var kernel = NewKernel(memoryBytes: 64UL << 20, new KernelOptions { PublishEvents = false });
        var pid = NewProcessWithMapping(kernel, pages: 2 * Pages);
        Touch(kernel, pid, 0, Pages);   // tiered JIT and every first-time allocation happen here

        var before = GC.GetAllocatedBytesForCurrentThread();
        Touch(kernel, pid, Pages, Pages);
        var perFault = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / Pages;

        Assert.True(perFault <= 10, $"{perFault:F1} bytes allocated per demand-zero fault (its page tables alone are 8)");
    }

    [Fact]
    public void Access_CopyOnWriteBreaks_AllocateOnlyThePolicysGrowth()
    {
        var kernel = NewKernel(memoryBytes: 128UL << 20, new KernelOptions { PublishEvents = false });
        var parent = NewProcessWithMapping(kernel, pages: 2 * Pages);
        Touch(kernel, parent, 0, 2 * Pages);
        var child = kernel.Fork(parent);
        kernel.SwitchTo(child);
        Touch(kernel, child, 0, Pages);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Touch(kernel, child, Pages, Pages);
        var perBreak = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / Pages;

        Assert.Equal(2 * Pages, (int)kernel.Counters.CowCopies);
        Assert.True(perBreak <= 4, $"{perBreak:F1} bytes allocated per copy-on-write break");
    }

    private static void Touch(KernelCore kernel, int pid, int first, int count)
    {
        for (var p = first; p < first + count; p++)
        {
            Assert.True(kernel.Access(pid, HeapLike + ((ulong)p * Page), AccessKind.Write).Completed);
        }
    }
}
