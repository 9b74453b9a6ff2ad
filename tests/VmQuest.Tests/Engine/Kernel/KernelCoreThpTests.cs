using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>Transparent huge pages (madvise mode): faults, splits, zaps, fork, reclaim and the TLB's 2 MiB entries.</summary>
public sealed class KernelCoreThpTests
{
    private const ulong Huge = 2UL << 20;

    // A running process with a 4 MiB private anonymous mapping at HeapLike (2 MiB-aligned) given MADV_HUGEPAGE.
    private static (KernelCore Kernel, int Pid) Madvised(ulong memory = 32UL << 20)
    {
        var kernel = NewKernel(memory);
        var pid = NewProcessWithMapping(kernel, (int)(2 * Huge / Page));
        Assert.True(kernel.Madvise(pid, HeapLike, 2 * Huge, MadviseAdvice.HugePage).Succeeded);
        return (kernel, pid);
    }

    [Fact]
    public void Write_MadvisedRange_MapsOneHugePmdOf512Frames()
    {
        var (kernel, pid) = Madvised();
        var result = kernel.Access(pid, HeapLike + 0x1234, AccessKind.Write, 7, width: 1);

        Assert.Equal(FaultOutcome.DemandZero, result.Fault);
        Assert.Equal(1, kernel.Counters.ThpFaultAlloc);
        Assert.Equal(512, kernel.Frames.DataFrames);
        Assert.Equal(Huge, kernel.AnonHugeBytes(pid, HeapLike, HeapLike + (2 * Huge)));
        var first = result.PhysicalAddress >> 12 & ~511UL;
        Assert.Equal(0UL, first % 512);
        Assert.All(Enumerable.Range(0, 512), i => Assert.Equal(1, kernel.Frames.MapCountOf(first + (ulong)i)));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Access_InsideHugePage_HitsOne2MiBTlbEntry()
    {
        var (kernel, pid) = Madvised();
        kernel.Access(pid, HeapLike, AccessKind.Write, 1, width: 1);
        var faults = kernel.Counters.Faults;

        Assert.Equal(1UL, kernel.Access(pid, HeapLike, AccessKind.Read, width: 1).Value);
        Assert.Equal(0UL, kernel.Access(pid, HeapLike + Huge - 8, AccessKind.Read).Value);
        Assert.Equal(faults, kernel.Counters.Faults);
        Assert.Contains(kernel.Machine.Mmu.Tlb.Snapshot(), e => e.PageShift == 21 && e.VirtualBase == HeapLike);
    }

    [Fact]
    public void ReadThenWrite_HugeZeroPageThenANewHugePage()
    {
        var (kernel, pid) = Madvised();
        Assert.Equal(FaultOutcome.DemandZero, kernel.Access(pid, HeapLike, AccessKind.Read).Fault);
        Assert.NotNull(kernel.HugeZeroPageFrame);
        Assert.Equal(0, kernel.Frames.DataFrames);
        Assert.Equal(0UL, kernel.AnonHugeBytes(pid, HeapLike, HeapLike + Huge));
        KernelInvariants.Check(kernel);

        Assert.Equal(FaultOutcome.CowCopy, kernel.Access(pid, HeapLike + Page, AccessKind.Write, 3).Fault);
        Assert.Equal(512, kernel.Frames.DataFrames);
        Assert.Equal(Huge, kernel.AnonHugeBytes(pid, HeapLike, HeapLike + Huge));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Fault_No512AlignedFreeFrames_FallsBackToABasePage()
    {
        // 2 MiB of memory: its first frames are taken (the tables), so no aligned block of 512 is ever free.
        var kernel = NewKernel(2UL << 20);
        var pid = NewProcessWithMapping(kernel, (int)(Huge / Page));
        Assert.True(kernel.Madvise(pid, HeapLike, Huge, MadviseAdvice.HugePage).Succeeded);
        Assert.Equal(FaultOutcome.DemandZero, kernel.Access(pid, HeapLike, AccessKind.Write, 1).Fault);

        Assert.Equal(1, kernel.Counters.ThpFaultFallback);
        Assert.Equal(0, kernel.Counters.ThpFaultAlloc);
        Assert.Equal(1, kernel.Frames.DataFrames);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Munmap_OnePageOfHugePage_SplitsAndKeepsTheOther511()
    {
        var (kernel, pid) = Madvised();
        kernel.Access(pid, HeapLike + (5 * Page), AccessKind.Write, 55, width: 1);
        Assert.True(kernel.Munmap(pid, HeapLike + Page, Page).Succeeded);

        Assert.Equal(1, kernel.Counters.ThpSplitPmd);
        Assert.Equal(511, kernel.Frames.DataFrames);
        Assert.Equal(0UL, kernel.AnonHugeBytes(pid, HeapLike, HeapLike + (2 * Huge)));
        Assert.Equal(55UL, kernel.Access(pid, HeapLike + (5 * Page), AccessKind.Read, width: 1).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Munmap_WholeHugePage_FreesItsFramesAndDepositWithoutSplit()
    {
        var (kernel, pid) = Madvised();
        var used = kernel.Machine.Frames.FreeCount;
        kernel.Access(pid, HeapLike, AccessKind.Write, 1);
        Assert.Equal(1, kernel.DepositedTables);
        Assert.True(kernel.Munmap(pid, HeapLike, Huge).Succeeded);

        Assert.Equal(0, kernel.Counters.ThpSplitPmd);
        Assert.Equal(0, kernel.DepositedTables);
        Assert.Equal(0, kernel.Frames.DataFrames);
        Assert.True(kernel.Machine.Frames.FreeCount >= used - 3);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Mprotect_WholeHugePage_ChangesThePmdInPlace()
    {
        var (kernel, pid) = Madvised();
        kernel.Access(pid, HeapLike, AccessKind.Write, 1);
        Assert.True(kernel.Mprotect(pid, HeapLike, Huge, VmaPermissions.Read).Succeeded);

        Assert.Equal(0, kernel.Counters.ThpSplitPmd);
        Assert.Equal(FaultOutcome.SegvWriteProtected, kernel.Access(pid, HeapLike, AccessKind.Write, 2).Fault);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void MadviseDontNeed_PartOfHugePage_SplitsAndZeroesThatPart()
    {
        var (kernel, pid) = Madvised();
        kernel.Access(pid, HeapLike, AccessKind.Write, 9, width: 1);
        kernel.Access(pid, HeapLike + (3 * Page), AccessKind.Write, 8, width: 1);
        Assert.True(kernel.Madvise(pid, HeapLike, Page, MadviseAdvice.DontNeed).Succeeded);

        Assert.Equal(0UL, kernel.Access(pid, HeapLike, AccessKind.Read, width: 1).Value);
        Assert.Equal(8UL, kernel.Access(pid, HeapLike + (3 * Page), AccessKind.Read, width: 1).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void MadviseNoHugePage_PartOfHugePage_SplitsVmaAndPmd()
    {
        var (kernel, pid) = Madvised();
        kernel.Access(pid, HeapLike, AccessKind.Write, 1);
        Assert.True(kernel.Madvise(pid, HeapLike + Page, Page, MadviseAdvice.NoHugePage).Succeeded);

        Assert.Equal(1, kernel.Counters.ThpSplitPmd);
        Assert.Equal(3, kernel.MmOf(pid).Vmas.Count);
        Assert.False(kernel.MmOf(pid).Vmas.Find(HeapLike + Page)!.Value.HugePage);
        Assert.True(kernel.MmOf(pid).Vmas.Find(HeapLike + Huge)!.Value.HugePage);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Madvise_BadInput_FailsAsLinux()
    {
        var (kernel, pid) = Madvised();
        Assert.Equal(Errno.EINVAL, kernel.Madvise(pid, HeapLike + 1, Page, MadviseAdvice.HugePage).Error);
        Assert.Equal(Errno.ENOMEM, kernel.Madvise(pid, HeapLike + (2 * Huge) - Page, 2 * Page, MadviseAdvice.HugePage).Error);
        Assert.True(kernel.Madvise(pid, HeapLike, 0, MadviseAdvice.HugePage).Succeeded);
    }

    [Fact]
    public void Fork_HugePage_CopiedAsOnePmdAndWriteSplitsOnlyTheWriter()
    {
        var (kernel, pid) = Madvised();
        kernel.Access(pid, HeapLike, AccessKind.Write, 1, width: 1);
        var child = (int)kernel.TryFork(pid).Value;
        KernelInvariants.Check(kernel);
        Assert.Equal(Huge, kernel.AnonHugeBytes(child, HeapLike, HeapLike + Huge));
        Assert.Equal(2, kernel.DepositedTables);

        kernel.SwitchTo(child);
        Assert.Equal(FaultOutcome.CowCopy, kernel.Access(child, HeapLike, AccessKind.Write, 2, width: 1).Fault);
        Assert.Equal(0UL, kernel.AnonHugeBytes(child, HeapLike, HeapLike + Huge));
        Assert.Equal(Huge, kernel.AnonHugeBytes(pid, HeapLike, HeapLike + Huge));
        Assert.Equal(513, kernel.Frames.DataFrames);
        kernel.SwitchTo(pid);
        Assert.Equal(1UL, kernel.Access(pid, HeapLike, AccessKind.Read, width: 1).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void EvictFrame_OfHugePage_SplitsTheFolioFirstAndSwapsOnePage()
    {
        var (kernel, pid) = Madvised();
        var result = kernel.Access(pid, HeapLike + Page, AccessKind.Write, 42, width: 1);
        Assert.True(kernel.EvictFrame(result.PhysicalAddress >> 12));

        Assert.Equal(1, kernel.Counters.ThpSplitPage);
        Assert.Equal(511, kernel.Frames.DataFrames);
        Assert.False(kernel.Frames.IsHugeFolio((result.PhysicalAddress >> 12) + 1));
        KernelInvariants.Check(kernel);
        Assert.Equal(FaultOutcome.SwapIn, kernel.Access(pid, HeapLike + Page, AccessKind.Read, width: 1).Fault);
        Assert.Equal(42UL, kernel.Access(pid, HeapLike + Page, AccessKind.Read, width: 1).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void PteEntityAt_HugePage_IsOneEntityAtThePmdLevel()
    {
        var (kernel, pid) = Madvised();
        kernel.Access(pid, HeapLike, AccessKind.Write, 1);
        var entity = kernel.PteEntityAt(pid, HeapLike + (100 * Page));

        Assert.Equal(entity, kernel.PteEntityAt(pid, HeapLike));
        Assert.True(kernel.World.TryGet<VmQuest.Engine.Kernel.Ptes.PteLocation>(entity, out var location));
        Assert.Equal(2, location.Level);
        Assert.Equal(HeapLike, location.VirtualPage);
    }

    [Fact]
    public void Mmap_AnonymousMultipleOf2MiB_Is2MiBAlignedAsLinux618()
    {
        var kernel = NewKernel();
        var pid = kernel.CreateProcess("t");
        var aligned = kernel.Mmap(pid, 0, 4UL << 20, VmaPermissions.ReadWrite, MapFlags.Private).Value;
        var unaligned = kernel.Mmap(pid, 0, (4UL << 20) + Page, VmaPermissions.ReadWrite, MapFlags.Private).Value;

        Assert.Equal(0UL, aligned % Huge);
        Assert.NotEqual(0UL, unaligned % Huge);
    }

    [Fact]
    public void Smaps_HugePage_ShowsAnonHugePagesAndThpEligible()
    {
        var (kernel, pid) = Madvised();
        kernel.Access(pid, HeapLike, AccessKind.Write, 1);
        var smaps = kernel.Smaps(pid);

        Assert.Contains("40000000-40400000 rw-p 00000000 00:00 0 \nSize:               4096 kB\n", smaps, StringComparison.Ordinal);
        Assert.Contains("AnonHugePages:      2048 kB\n", smaps, StringComparison.Ordinal);
        Assert.Contains("THPeligible:           1\n", smaps, StringComparison.Ordinal);
    }
}
