using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel;

public class ForkAndCowTests
{
    [Fact]
    public void Fork_ThenChildWrites_SameAddressHoldsDifferentValues()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel);
        kernel.Access(parent, HeapLike, AccessKind.Write, 1);

        var child = kernel.Fork(parent);
        kernel.SwitchTo(child);
        var write = kernel.Access(child, HeapLike, AccessKind.Write, 2);

        Assert.Equal(FaultOutcome.CowCopy, write.Fault);
        Assert.Equal(2UL, kernel.Access(child, HeapLike, AccessKind.Read).Value);
        kernel.SwitchTo(parent);
        Assert.Equal(1UL, kernel.Access(parent, HeapLike, AccessKind.Read).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Fork_SharesEveryFrameReadOnlyAndCountsIt()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel, pages: 8);
        for (ulong i = 0; i < 8; i++)
        {
            kernel.Access(parent, HeapLike + (i * Page), AccessKind.Write, i);
        }

        var framesBefore = kernel.Frames.DataFrames;
        var child = kernel.Fork(parent);

        Assert.Equal(framesBefore, kernel.Frames.DataFrames);
        var leaf = kernel.Machine.Tables.FindLeaf(kernel.MemoryOf(child).Root, HeapLike)!.Value;
        Assert.Equal(2, kernel.Frames.MapCountOf(leaf.Frame));
        Assert.True(kernel.Info(child).ParentPid == parent);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Fork_PrivateWritablePage_IsPlainReadOnlyInBothTreesWithNoSoftwareBitSet()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel);
        kernel.Access(parent, HeapLike, AccessKind.Write, 1);
        var before = kernel.Machine.Tables.FindLeaf(kernel.MemoryOf(parent).Root, HeapLike)!.Value.Entry;

        var child = kernel.Fork(parent);

        // Linux has no COW bit: the entry only loses RW (bit 1); bits 9-11 (software on x86) stay clear.
        foreach (var pid in new[] { parent, child })
        {
            var leaf = kernel.Machine.Tables.FindLeaf(kernel.MemoryOf(pid).Root, HeapLike)!.Value;
            Assert.Equal(before & ~0x62UL, leaf.Entry & ~0x62UL); // the same but for RW and A/D
            Assert.Equal(0UL, leaf.Entry & 0xE00UL);
            Assert.Equal(0UL, leaf.Entry & 0x2UL);
        }

        Assert.True(kernel.Frames.IsAnonShared(kernel.Machine.Tables.FindLeaf(kernel.MemoryOf(child).Root, HeapLike)!.Value.Frame));
    }

    [Fact]
    public void Mprotect_ReadOnlyThenWritableAfterFork_PageStaysReadOnlyAndTheWriteFaultBreaksCow()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel);
        kernel.Access(parent, HeapLike, AccessKind.Write, 1);
        var child = kernel.Fork(parent);
        kernel.Exit(child, 0);
        Assert.True(kernel.Mprotect(parent, HeapLike, Page, VmaPermissions.Read).Succeeded);

        Assert.True(kernel.Mprotect(parent, HeapLike, Page, VmaPermissions.ReadWrite).Succeeded);

        // can_change_pte_writable: a page fork shared is not exclusive, so only do_wp_page may make it writable.
        var leaf = kernel.Machine.Tables.FindLeaf(kernel.MemoryOf(parent).Root, HeapLike)!.Value;
        Assert.Equal(0UL, leaf.Entry & 0x2UL);
        Assert.Equal(FaultOutcome.CowReuse, kernel.Access(parent, HeapLike, AccessKind.Write, 2).Fault);
        Assert.False(kernel.Frames.IsAnonShared(leaf.Frame));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void CowWrite_AfterOtherSharerExited_ReusesFrameWithoutCopy()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel);
        kernel.Access(parent, HeapLike, AccessKind.Write, 5);
        var child = kernel.Fork(parent);
        kernel.Exit(child, 0);

        var write = kernel.Access(parent, HeapLike, AccessKind.Write, 6);

        Assert.Equal(FaultOutcome.CowReuse, write.Fault);
        Assert.Equal(1, kernel.Counters.CowReuses);
        Assert.Equal(0, kernel.Counters.CowCopies);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Exit_FreesPrivateFramesAndTablesButKeepsSharedOnes()
    {
        var kernel = NewKernel();
        var used = kernel.Machine.Frames.FreeCount;
        var parent = NewProcessWithMapping(kernel, pages: 4);
        for (ulong i = 0; i < 4; i++)
        {
            kernel.Access(parent, HeapLike + (i * Page), AccessKind.Write, i);
        }

        var child = kernel.Fork(parent);
        kernel.SwitchTo(child);
        kernel.Access(child, HeapLike, AccessKind.Write, 99);

        kernel.Exit(child, 3);
        Assert.Equal(ProcessState.Zombie, kernel.Info(child).State);
        Assert.Equal(4, kernel.Frames.DataFrames);
        KernelInvariants.Check(kernel);

        Assert.Equal((child, 3), kernel.Wait(parent));
        Assert.False(kernel.Exists(child));
        Assert.Equal((-1, 0), kernel.Wait(parent));

        kernel.Exit(parent, 0);
        Assert.Equal(used, kernel.Machine.Frames.FreeCount);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Wait_ChildStillRunning_ReturnsNull()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel);
        kernel.Fork(parent);
        Assert.Null(kernel.Wait(parent));
    }

    [Fact]
    public void Fork_SharedMapping_StaysWritableAndWritesAreSeenByBoth()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel, pages: 1, flags: MapFlags.Fixed | MapFlags.Shared);
        kernel.Access(parent, HeapLike, AccessKind.Write, 1);
        var child = kernel.Fork(parent);

        kernel.SwitchTo(child);
        Assert.Null(kernel.Access(child, HeapLike, AccessKind.Write, 42).Fault);
        kernel.SwitchTo(parent);

        Assert.Equal(42UL, kernel.Access(parent, HeapLike, AccessKind.Read).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void SwitchTo_WithoutPcid_FlushesTlbAndChargesCycles()
    {
        var kernel = NewKernel(pcid: false);
        var a = NewProcessWithMapping(kernel);
        kernel.Access(a, HeapLike, AccessKind.Read);
        var b = kernel.Fork(a);
        Assert.True(kernel.Machine.Mmu.Tlb.Count == 0 || kernel.Machine.Mmu.Tlb.Count > 0);

        kernel.Access(a, HeapLike, AccessKind.Read);
        var before = kernel.Machine.Clock.Cycles;
        kernel.SwitchTo(b);

        Assert.Equal(0, kernel.Machine.Mmu.Tlb.Count);
        Assert.True(kernel.Machine.Clock.Cycles - before >= kernel.Machine.Description.Costs.ContextSwitch);
        Assert.Equal(b, kernel.CurrentPid);
        Assert.Equal(kernel.MemoryOf(b).Root, kernel.Machine.Mmu.Cr3);
    }

    [Fact]
    public void SwitchTo_WithPcid_KeepsOtherAddressSpacesEntries()
    {
        var kernel = NewKernel(pcid: true);
        var a = NewProcessWithMapping(kernel);
        kernel.Access(a, HeapLike, AccessKind.Read);
        var b = kernel.Fork(a);
        kernel.Access(a, HeapLike, AccessKind.Read);

        kernel.SwitchTo(b);
        kernel.SwitchTo(a);
        var hitsBefore = kernel.Machine.Mmu.TlbHits;
        kernel.Access(a, HeapLike, AccessKind.Read);

        Assert.Equal(hitsBefore + 1, kernel.Machine.Mmu.TlbHits);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Exec_RealElf_ReplacesAddressSpaceAndWritesArgvOnTheStack()
    {
        var kernel = NewKernel(memoryBytes: 64UL << 20);
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Write, 1);

        var result = kernel.Exec(pid, "/bin/ls", ["ls", "-l"], ["HOME=/root"]);

        var mm = kernel.MmOf(pid);
        Assert.Null(mm.Vmas.Find(HeapLike));
        Assert.Equal("ls", kernel.Info(pid).Name);
        Assert.Equal("ls\0-l\0"u8.ToArray(), kernel.PeekUser(pid, mm.Arguments.Start, 6));
        Assert.Equal("HOME=/root\0"u8.ToArray(), kernel.PeekUser(pid, mm.Environment.Start, 11));
        Assert.True(result.Entry >= 0x7fff_f7fc_a000);
        KernelInvariants.Check(kernel);

        var text = kernel.Access(pid, mm.StartCode, AccessKind.Execute, width: 1);
        Assert.Equal(FaultOutcome.FileRead, text.Fault);
    }
}
