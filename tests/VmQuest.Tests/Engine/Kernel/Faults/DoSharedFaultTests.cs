using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.Faults.FaultRuleFixtures;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class DoSharedFaultTests
{
    private static (KernelCore Kernel, int First, int Second) TwoProcessesSharing()
    {
        var kernel = NewKernel();
        kernel.Files.Provide("board.dat", new byte[0x2000]);
        var first = kernel.CreateProcess("a");
        var second = kernel.CreateProcess("b");
        kernel.Mmap(first, HeapLike, 0x2000, VmaPermissions.ReadWrite, MapFlags.Fixed | MapFlags.Shared, "board.dat");
        kernel.Mmap(second, HeapLike, 0x2000, VmaPermissions.ReadWrite, MapFlags.Fixed | MapFlags.Shared, "board.dat");
        return (kernel, first, second);
    }

    [Fact]
    public void Handle_Write_MapsThePageCachePageItselfWritableAndDirty()
    {
        var (kernel, first, _) = TwoProcessesSharing();

        var outcome = DoSharedFault.Handle(kernel, first, HeapLike, AreaAt(kernel, first, HeapLike), out var frame);

        Assert.Equal(FaultOutcome.FileRead, outcome);
        Assert.Equal(FrameUse.File, kernel.Frames.UseOf(frame));
        var bits = kernel.Pte.Decode(LeafOf(kernel, first, HeapLike));
        Assert.Equal(PteBits.Writable | PteBits.Dirty, bits & (PteBits.Writable | PteBits.Dirty));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void HandleFault_WriteThenOtherProcessReads_TheOtherSeesTheWrite()
    {
        var (kernel, first, second) = TwoProcessesSharing();
        kernel.SwitchTo(first);
        Assert.True(kernel.Access(first, HeapLike, AccessKind.Write, 0x21, width: 1).Completed);

        kernel.SwitchTo(second);
        var read = kernel.Access(second, HeapLike, AccessKind.Read, width: 1);

        Assert.Equal(0x21UL, read.Value);
        Assert.Equal(1, kernel.Counters.MajorFaults);
        Assert.Equal(2, kernel.Counters.Faults);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void HandleFault_ReadThenWrite_TheWriteFaultsAgainAndIsMinor()
    {
        var (kernel, first, _) = TwoProcessesSharing();
        kernel.SwitchTo(first);
        Assert.True(kernel.Access(first, HeapLike, AccessKind.Read, width: 1).Completed);
        Assert.Equal(FaultOutcome.SharedWriteNotify, kernel.ForecastFault(first, HeapLike, AccessKind.Write).Outcome);

        var write = kernel.Access(first, HeapLike, AccessKind.Write, 0x21, width: 1);

        Assert.Equal(FaultOutcome.SharedWriteNotify, write.Fault);
        Assert.Equal(2, kernel.Counters.Faults);
        Assert.Equal(1, kernel.Counters.MinorFaults);
        var bits = kernel.Pte.Decode(LeafOf(kernel, first, HeapLike));
        Assert.Equal(PteBits.Writable | PteBits.Dirty, bits & (PteBits.Writable | PteBits.Dirty));
        KernelInvariants.Check(kernel);
    }
}
