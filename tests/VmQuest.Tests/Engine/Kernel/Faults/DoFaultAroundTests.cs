using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class DoFaultAroundTests
{
    private const int Pages = 64;
    private const ulong Cold = HeapLike + 0x80_0000;

    // A process whose file "data.bin" (64 pages) is all in the page cache: its cold mapping at Cold has read every page.
    private static (KernelCore Kernel, int Pid) CachedFile(KernelOptions? options = null)
    {
        var kernel = NewKernel(32UL << 20, options);
        kernel.Files.Provide("data.bin", new byte[Pages * Page]);
        var pid = kernel.CreateProcess("reader");
        kernel.SwitchTo(pid);
        Map(kernel, pid, Cold, Pages);
        ReadEach(kernel, pid, Cold, Pages);
        return (kernel, pid);
    }

    private static void Map(KernelCore kernel, int pid, ulong address, int pages, ulong offset = 0) =>
        Assert.True(kernel.Mmap(pid, address, (ulong)pages * Page, VmaPermissions.Read, MapFlags.Fixed, "data.bin", offset).Succeeded);

    private static long ReadEach(KernelCore kernel, int pid, ulong address, int pages)
    {
        var before = kernel.Counters.Faults;
        for (var i = 0; i < pages; i++)
        {
            Assert.True(kernel.Access(pid, address + ((ulong)i * Page), AccessKind.Read, width: 1).Completed);
        }

        return kernel.Counters.Faults - before;
    }

    private static bool Present(KernelCore kernel, int pid, ulong va) => kernel.Pte.IsPresent(kernel.Walks.ReadLeaf(kernel.MemoryOf(pid).Root, va));

    [Fact]
    public void ReadFault_ColdFile_EveryPageIsItsOwnMajorFault()
    {
        var (kernel, _) = CachedFile();

        Assert.Equal(Pages, kernel.Counters.Faults);
        Assert.Equal(Pages, kernel.Counters.MajorFaults);
    }

    [Fact]
    public void ReadFault_CachedFilePageByPage_OneMinorFaultPer64KiBWindow()
    {
        var (kernel, pid) = CachedFile();
        Map(kernel, pid, HeapLike, Pages);
        var major = kernel.Counters.MajorFaults;

        Assert.Equal(Pages / 16, ReadEach(kernel, pid, HeapLike, Pages));
        Assert.Equal(major, kernel.Counters.MajorFaults);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void ReadFault_FirstTouchInTheMiddle_MapsTheAlignedWindowOnly()
    {
        var (kernel, pid) = CachedFile();
        Map(kernel, pid, HeapLike, Pages);

        Assert.True(kernel.Access(pid, HeapLike + (21 * Page), AccessKind.Read, width: 1).Completed);

        for (ulong i = 0; i < Pages; i++)
        {
            Assert.Equal(i is >= 16 and < 32, Present(kernel, pid, HeapLike + (i * Page)));
        }
    }

    [Fact]
    public void ReadFault_VmaStartsInsideTheWindow_ClippedToTheVma()
    {
        var (kernel, pid) = CachedFile();
        Map(kernel, pid, HeapLike + (3 * Page), 10);

        Assert.Equal(1, ReadEach(kernel, pid, HeapLike + (3 * Page), 10));
    }

    [Fact]
    public void ReadFault_VmaCrossesAPageTable_TheWindowStopsAtTheTable()
    {
        var (kernel, pid) = CachedFile();
        var start = HeapLike + 0x20_0000 - (12 * Page);
        Map(kernel, pid, start, 32);

        Assert.Equal(1, ReadEach(kernel, pid, start, 1));
        Assert.True(Present(kernel, pid, start + (11 * Page)));
        Assert.False(Present(kernel, pid, start + (12 * Page)));
        Assert.Equal(2, ReadEach(kernel, pid, start, 32));
    }

    [Fact]
    public void ReadFault_PagesNotInThePageCache_AreNotMapped()
    {
        var kernel = NewKernel();
        kernel.Files.Provide("data.bin", new byte[Pages * Page]);
        var pid = kernel.CreateProcess("reader");
        kernel.SwitchTo(pid);
        Map(kernel, pid, Cold, 1, offset: 5 * Page);
        ReadEach(kernel, pid, Cold, 1);
        Map(kernel, pid, HeapLike, 16);

        Assert.True(kernel.Access(pid, HeapLike + (5 * Page), AccessKind.Read, width: 1).Completed);
        Assert.True(kernel.Access(pid, HeapLike, AccessKind.Read, width: 1).Completed);

        Assert.True(Present(kernel, pid, HeapLike + (5 * Page)));
        Assert.False(Present(kernel, pid, HeapLike + Page));
        Assert.Equal(3, kernel.Counters.Faults);
        Assert.Equal(2, kernel.Counters.MajorFaults);
    }

    [Fact]
    public void ReadFault_WindowReachesPastTheEndOfTheFile_StopsAtTheEnd()
    {
        var (kernel, pid) = CachedFile();
        Map(kernel, pid, HeapLike, 16, offset: (Pages - 4) * Page);

        Assert.True(kernel.Access(pid, HeapLike, AccessKind.Read, width: 1).Completed);

        Assert.True(Present(kernel, pid, HeapLike + (3 * Page)));
        Assert.False(Present(kernel, pid, HeapLike + (4 * Page)));
        Assert.Equal(FaultOutcome.SigBusPastEndOfFile, kernel.ForecastFault(pid, HeapLike + (4 * Page), AccessKind.Read).Outcome);
    }

    [Fact]
    public void WriteFault_PrivateMapping_NoFaultAround()
    {
        var (kernel, pid) = CachedFile();
        Assert.True(kernel.Mmap(pid, HeapLike, Pages * Page, VmaPermissions.ReadWrite, MapFlags.Fixed, "data.bin").Succeeded);

        Assert.True(kernel.Access(pid, HeapLike, AccessKind.Write, 1, width: 1).Completed);

        Assert.False(Present(kernel, pid, HeapLike + Page));
    }

    [Fact]
    public void ReadFault_FaultAroundBytesOnePage_EveryPageFaults()
    {
        var (kernel, pid) = CachedFile(new KernelOptions { FaultAroundBytes = Page });
        Map(kernel, pid, HeapLike, Pages);

        Assert.Equal(Pages, ReadEach(kernel, pid, HeapLike, Pages));
    }

    [Theory]
    [InlineData(65536UL, 12, 16UL)]
    [InlineData(65536UL, 16, 1UL)]
    [InlineData(4096UL, 12, 1UL)]
    [InlineData(0UL, 12, 0UL)]
    [InlineData(49152UL, 12, 8UL)]
    public void WindowPages_Bytes_RoundedDownToAPowerOfTwoPages(ulong bytes, int pageShift, ulong expected) =>
        Assert.Equal(expected, DoFaultAround.WindowPages(bytes, pageShift));
}
