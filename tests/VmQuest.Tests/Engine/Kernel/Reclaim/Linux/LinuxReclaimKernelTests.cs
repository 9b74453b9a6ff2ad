using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Kernel.Reclaim.Linux;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Reclaim.Linux;

/// <summary>The <c>linux</c> policy inside the kernel: young bits from the PTEs, what each kind of page becomes, the watermarks and kswapd.</summary>
public class LinuxReclaimKernelTests
{
    private const ulong FileAt = 0x5000_0000;

    private static KernelOptions Linux(int? limit = null) => new() { ReplacementPolicy = "linux", DataFrameLimit = limit };

    private static LinuxLruPolicy Lists(KernelCore kernel) => Assert.IsType<LinuxLruPolicy>(kernel.Policy);

    [Fact]
    public void EvictOne_CleanFilePage_DroppedAndTheNextReadIsAMajorFault()
    {
        var kernel = NewKernel(options: Linux());
        var bytes = new byte[Page];
        bytes[0] = 42;
        kernel.Files.Provide("data.bin", bytes);
        var pid = kernel.CreateProcess("reader");
        kernel.SwitchTo(pid);
        Assert.True(kernel.Mmap(pid, FileAt, Page, VmaPermissions.Read, MapFlags.Fixed | MapFlags.Private, "data.bin").Succeeded);
        Assert.Equal(FaultOutcome.FileRead, kernel.Access(pid, FileAt, AccessKind.Read, width: 1).Fault);

        Assert.True(kernel.EvictOne());

        Assert.Equal(0, kernel.Frames.DataFrames);
        Assert.Equal(0UL, kernel.Walks.ReadLeaf(kernel.MemoryOf(pid).Root, FileAt)); // cleared: the page is in its file
        var stat = kernel.Counters.VmStat;
        Assert.Equal((1L, 1L, 0L, 0L), (stat.PgstealDirect, stat.PgstealFile, stat.NrVmscanWrite, stat.Pswpout));
        var again = kernel.Access(pid, FileAt, AccessKind.Read, width: 1);
        Assert.Equal((FaultOutcome.FileRead, 42UL), (again.Fault, again.Value));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void EvictOne_DirtySharedFilePage_WrittenBackToItsFile()
    {
        var kernel = NewKernel(options: Linux());
        kernel.Files.Provide("shared.bin", new byte[Page]);
        var pid = kernel.CreateProcess("writer");
        kernel.SwitchTo(pid);
        Assert.True(kernel.Mmap(pid, FileAt, Page, VmaPermissions.ReadWrite, MapFlags.Fixed | MapFlags.Shared, "shared.bin").Succeeded);
        Assert.True(kernel.Access(pid, FileAt, AccessKind.Write, 0x77, width: 1).Completed);

        Assert.True(kernel.EvictOne());

        var page = new byte[Page];
        kernel.Files.ReadPage(kernel.Files.IdOf("shared.bin"), 0, page);
        Assert.Equal(0x77, page[0]);
        Assert.Equal((1L, 0L), (kernel.Counters.VmStat.NrVmscanWrite, kernel.Counters.VmStat.Pswpout));
        Assert.Equal(0x77UL, kernel.Access(pid, FileAt, AccessKind.Read, width: 1).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void EvictOne_AnonymousPage_WrittenToSwap()
    {
        var kernel = NewKernel(options: Linux());
        var pid = NewProcessWithMapping(kernel, pages: 2);
        kernel.Access(pid, HeapLike, AccessKind.Write, 9);

        Assert.True(kernel.EvictOne());

        Assert.Equal((1L, 1L, 1L), (kernel.Counters.VmStat.Pswpout, kernel.Counters.VmStat.NrVmscanWrite, kernel.Counters.VmStat.PgstealAnon));
        var back = kernel.Access(pid, HeapLike, AccessKind.Read);
        Assert.Equal((FaultOutcome.SwapIn, 9UL), (back.Fault, back.Value));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Access_NewPages_OnTheInactiveAnonymousList()
    {
        var kernel = NewKernel(options: Linux());
        var pid = NewProcessWithMapping(kernel, pages: 3);
        for (ulong i = 0; i < 3; i++)
        {
            kernel.Access(pid, HeapLike + (i * Page), AccessKind.Write, i);
        }

        Assert.Equal(3, Lists(kernel).Count(LruList.InactiveAnon));
        Assert.Equal(0, Lists(kernel).Count(LruList.ActiveAnon));
        KernelInvariants.Check(kernel);
    }

    // Four pages fill the limit; the fifth's eviction gives all four their second chance (clearing their Accessed
    // bits) and takes the oldest. Page 1 is then used again through a fresh walk: found young while marked, it is
    // activated, and page 2 goes instead.
    [Fact]
    public void Access_PageUsedAgainAfterItsSecondChance_ActivatedAndPassedOver()
    {
        var kernel = NewKernel(options: Linux(limit: 4));
        var pid = NewProcessWithMapping(kernel, pages: 8);
        for (ulong i = 0; i < 5; i++)
        {
            kernel.Access(pid, HeapLike + (i * Page), AccessKind.Write, i);
        }

        Assert.True(IsSwapped(kernel, pid, 0));
        kernel.Machine.Mmu.FlushTlb();
        kernel.Access(pid, HeapLike + Page, AccessKind.Read);
        kernel.Access(pid, HeapLike + (5 * Page), AccessKind.Write, 5);

        Assert.True(IsSwapped(kernel, pid, 2));
        Assert.False(IsSwapped(kernel, pid, 1));
        Assert.Equal(1, Lists(kernel).Count(LruList.ActiveAnon));
        Assert.Equal(1, kernel.Counters.VmStat.Pgactivate);
        KernelInvariants.Check(kernel);
    }

    // x86's ptep_clear_flush_young does not flush the TLB: a use of page 1 that hits its cached translation leaves the
    // Accessed bit clear, so reclaim sees it unused and takes it — as Linux would.
    [Fact]
    public void Access_PageUsedThroughTheTlbOnly_NotSeenYoung()
    {
        var kernel = NewKernel(options: Linux(limit: 4));
        var pid = NewProcessWithMapping(kernel, pages: 8);
        for (ulong i = 0; i < 5; i++)
        {
            kernel.Access(pid, HeapLike + (i * Page), AccessKind.Write, i);
        }

        kernel.Access(pid, HeapLike + Page, AccessKind.Read);
        kernel.Access(pid, HeapLike + (5 * Page), AccessKind.Write, 5);

        Assert.True(IsSwapped(kernel, pid, 1));
        Assert.Equal(0, kernel.Counters.VmStat.Pgactivate);
    }

    // 1 MiB (256 frames): min 32, low 40, high 48 pages.
    [Fact]
    public void Access_FreeFramesReachLow_WakesKswapdWhichReclaimsAboveHigh()
    {
        var kernel = NewKernel(memoryBytes: 1UL << 20, options: Linux());
        var pid = NewProcessWithMapping(kernel, pages: 240);
        Assert.True(kernel.WatermarkReclaim);
        Assert.Equal((32L, 40L, 48L), (kernel.Watermarks.Min, kernel.Watermarks.Low, kernel.Watermarks.High));
        ulong page = 0;
        while (!kernel.KswapdWoken)
        {
            kernel.Access(pid, HeapLike + (page++ * Page), AccessKind.Write, page);
        }

        Assert.True((long)kernel.Machine.Frames.FreeCount <= kernel.Watermarks.Low);
        var reclaimed = kernel.RunKswapd();

        Assert.True((long)kernel.Machine.Frames.FreeCount > kernel.Watermarks.High);
        var stat = kernel.Counters.VmStat;
        Assert.Equal((reclaimed, 0L, 1L), (stat.PgstealKswapd, stat.PgstealDirect, stat.Pageoutrun));
        Assert.True(stat.PgscanKswapd >= reclaimed);
        Assert.False(kernel.KswapdWoken);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Access_FreeFramesReachMin_DirectReclaimTakesSwapClusterMax()
    {
        var kernel = NewKernel(memoryBytes: 1UL << 20, options: Linux());
        var pid = NewProcessWithMapping(kernel, pages: 240);
        ulong page = 0;
        while (kernel.Counters.VmStat.AllocstallNormal == 0)
        {
            kernel.Access(pid, HeapLike + (page++ * Page), AccessKind.Write, page);
        }

        var stat = kernel.Counters.VmStat;
        Assert.Equal((1L, (long)LinuxLruPolicy.SwapClusterMax, 0L), (stat.AllocstallNormal, stat.PgstealDirect, stat.PgstealKswapd));
        Assert.True((long)kernel.Machine.Frames.FreeCount > kernel.Watermarks.Min);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Access_TextbookPolicyUnderTheSamePressure_NeverWakesKswapd()
    {
        var kernel = NewKernel(memoryBytes: 1UL << 20, options: new KernelOptions { ReplacementPolicy = "lru" });
        var pid = NewProcessWithMapping(kernel, pages: 240);
        for (ulong page = 0; page < 240; page++)
        {
            kernel.Access(pid, HeapLike + (page * Page), AccessKind.Write, page);
        }

        Assert.False(kernel.WatermarkReclaim);
        Assert.False(kernel.KswapdWoken);
        Assert.Equal((0L, 0L), (kernel.Counters.VmStat.AllocstallNormal, kernel.Counters.VmStat.PgscanDirect));
    }

    [Fact]
    public void New_ZoneUnder160Frames_ReclaimsOnlyWhenFull()
    {
        var kernel = NewKernel(memoryBytes: 128 * Page, options: Linux());

        Assert.False(kernel.WatermarkReclaim);
    }

    [Fact]
    public void KswapdReclaimSystem_Woken_RunsKswapdInTheTick()
    {
        var kernel = NewKernel(memoryBytes: 1UL << 20, options: Linux());
        var pid = NewProcessWithMapping(kernel, pages: 240);
        ulong page = 0;
        while (!kernel.KswapdWoken)
        {
            kernel.Access(pid, HeapLike + (page++ * Page), AccessKind.Write, page);
        }

        kernel.World.SetResource(kernel);
        new KswapdReclaimSystem().Run(kernel.World);

        Assert.False(kernel.KswapdWoken);
        Assert.Equal(1, kernel.Counters.VmStat.Pageoutrun);
    }

    private static bool IsSwapped(KernelCore kernel, int pid, ulong page)
    {
        var entry = kernel.Walks.ReadLeaf(kernel.MemoryOf(pid).Root, HeapLike + (page * Page));
        return entry != 0 && (entry & 1) == 0;
    }
}
