using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel;

public class PageFaultHandlerTests
{
    [Fact]
    public void Access_FirstReadOfAnonymousPage_DemandZeroOnTheZeroPageThenHitsWithoutFault()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        var first = kernel.Access(pid, HeapLike + 8, AccessKind.Read);
        var second = kernel.Access(pid, HeapLike + 16, AccessKind.Read);

        Assert.Equal(FaultOutcome.DemandZero, first.Fault);
        Assert.Equal(0UL, first.Value);
        Assert.Null(second.Fault);
        Assert.Equal(1, kernel.Counters.Faults);
        Assert.Equal(0, kernel.Frames.DataFrames);
        Assert.Equal(kernel.ZeroPageFrame, first.PhysicalAddress >> 12);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Access_WriteThenRead_ValueSurvives()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike + 0x10, AccessKind.Write, 0xdead_beef);
        Assert.Equal(0xdead_beefUL, kernel.Access(pid, HeapLike + 0x10, AccessKind.Read).Value);
    }

    [Fact]
    public void Access_CrossingAPageBoundary_TouchesBothPagesLowerFirst()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        kernel.Access(pid, HeapLike + Page - 2, AccessKind.Write, 0x4433_2211, width: 4);

        Assert.Equal(2, kernel.Frames.DataFrames);
        Assert.Equal(0x4433_2211UL, kernel.Access(pid, HeapLike + Page - 2, AccessKind.Read, width: 4).Value);
        Assert.Equal(0x4433UL, kernel.Access(pid, HeapLike + Page, AccessKind.Read, width: 2).Value);
    }

    [Fact]
    public void Access_WildPointer_SigsegvNoMappingAndProcessDies()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        var result = kernel.Access(pid, 0x1234, AccessKind.Read);

        Assert.Equal(AccessStatus.Killed, result.Status);
        Assert.Equal(FaultOutcome.SegvNoMapping, result.Fault);
        Assert.Equal(ProcessState.Zombie, kernel.Info(pid).State);
        Assert.Equal(KernelCore.SigSegv, kernel.Info(pid).KilledBy);
        KernelInvariants.Check(kernel);
    }

    [Theory]
    [InlineData(VmaPermissions.Read, AccessKind.Write, FaultOutcome.SegvWriteProtected)]
    [InlineData(VmaPermissions.ReadWrite, AccessKind.Execute, FaultOutcome.SegvNoExecute)]
    [InlineData(VmaPermissions.None, AccessKind.Read, FaultOutcome.SegvNoRead)]
    public void Access_NotAllowedByVma_Sigsegv(VmaPermissions permissions, AccessKind access, FaultOutcome expected)
    {
        var kernel = NewKernel();
        var pid = kernel.CreateProcess("p");
        kernel.Mmap(pid, HeapLike, Page, permissions, MapFlags.Fixed);
        kernel.SwitchTo(pid);
        Assert.Equal(expected, kernel.Access(pid, HeapLike, access).Fault);
    }

    [Fact]
    public void Access_StringLiteralWriteAfterReadMapsPage_StillSigsegv()
    {
        // char *s = "hello"; s[0] is readable (the page arrives on the read) but *s = 'H' must fault.
        var kernel = NewKernel();
        var pid = kernel.CreateProcess("p");
        kernel.Mmap(pid, HeapLike, Page, VmaPermissions.Read, MapFlags.Fixed);
        kernel.SwitchTo(pid);
        Assert.True(kernel.Access(pid, HeapLike, AccessKind.Read).Completed);
        Assert.Equal(FaultOutcome.SegvWriteProtected, kernel.Access(pid, HeapLike, AccessKind.Write, (ulong)'H', 1).Fault);
    }

    [Fact]
    public void Access_KernelHalf_SigsegvKernelAddress()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        Assert.Equal(FaultOutcome.SegvKernelAddress, kernel.Access(pid, 0xffff_8880_0000_0000, AccessKind.Read).Fault);
    }

    [Fact]
    public void Access_JustBelowStack_GrowsStack_FarBelow_Sigsegv()
    {
        var kernel = NewKernel();
        var pid = kernel.CreateProcess("p");
        const ulong top = 0x7fff_ffff_f000;
        kernel.MmOf(pid).Vmas.Insert(VmArea.Create(top - 0x21000, top, VmaPermissions.ReadWrite, shared: false, VmaKind.Stack));
        kernel.SwitchTo(pid);

        Assert.Equal(FaultOutcome.StackGrowth, kernel.Access(pid, top - 0x21000 - 0x10, AccessKind.Write, 1).Fault);
        Assert.Equal(top - 0x22000, kernel.MmOf(pid).Vmas.Find(top - 0x21001)!.Value.Start);
        Assert.Equal(FaultOutcome.SegvNoMapping, kernel.Access(pid, top - (64UL << 20), AccessKind.Write, 1).Fault);
    }

    [Fact]
    public void Access_FileMapping_MajorFaultReadsTheRealFileThenPageCacheHitElsewhere()
    {
        var kernel = NewKernel();
        var first = kernel.CreateProcess("a");
        var second = kernel.CreateProcess("b");
        kernel.Mmap(first, HeapLike, Page, VmaPermissions.Read, MapFlags.Fixed, "/bin/ls");
        kernel.Mmap(second, HeapLike + 0x10_0000, Page, VmaPermissions.Read, MapFlags.Fixed, "/bin/ls");

        kernel.SwitchTo(first);
        var read = kernel.Access(first, HeapLike, AccessKind.Read, width: 4);
        kernel.SwitchTo(second);
        var cached = kernel.Access(second, HeapLike + 0x10_0000, AccessKind.Read, width: 4);

        Assert.Equal(FaultOutcome.FileRead, read.Fault);
        Assert.Equal(0x464c457fUL, read.Value); // "\x7fELF"
        Assert.Equal(FaultOutcome.PageCacheHit, cached.Fault);
        Assert.Equal(read.PhysicalAddress, cached.PhysicalAddress);
        Assert.Equal(1, kernel.Frames.DataFrames);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Access_WriteToPrivateFileMapping_GetsPrivateCopyFileUntouched()
    {
        var kernel = NewKernel();
        var pid = kernel.CreateProcess("p");
        kernel.Mmap(pid, HeapLike, Page, VmaPermissions.ReadWrite, MapFlags.Fixed, "/bin/ls");
        kernel.SwitchTo(pid);
        kernel.Access(pid, HeapLike, AccessKind.Read);

        var write = kernel.Access(pid, HeapLike, AccessKind.Write, 0x41, 1);

        Assert.Equal(FaultOutcome.CowCopy, write.Fault);
        Assert.Equal(0x41UL, kernel.Access(pid, HeapLike, AccessKind.Read, width: 1).Value);
        Assert.Equal(0x464c4541UL, kernel.Access(pid, HeapLike, AccessKind.Read, width: 4).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Mprotect_ReadOnly_StopsWritesThroughAlreadyMappedPage()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Write, 7);

        Assert.True(kernel.Mprotect(pid, HeapLike, Page, VmaPermissions.Read).Succeeded);

        Assert.Equal(7UL, kernel.Access(pid, HeapLike, AccessKind.Read).Value);
        Assert.Equal(FaultOutcome.SegvWriteProtected, kernel.Access(pid, HeapLike, AccessKind.Write, 8).Fault);
    }

    [Fact]
    public void Munmap_TouchedPages_FreesFramesAndLaterAccessSegfaults()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, pages: 4);
        for (ulong i = 0; i < 4; i++)
        {
            kernel.Access(pid, HeapLike + (i * Page), AccessKind.Write, i);
        }

        Assert.True(kernel.Munmap(pid, HeapLike, 2 * Page).Succeeded);

        Assert.Equal(2, kernel.Frames.DataFrames);
        KernelInvariants.Check(kernel);
        Assert.Equal(FaultOutcome.SegvNoMapping, kernel.Access(pid, HeapLike, AccessKind.Read).Fault);
    }
}
