using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.Faults.FaultRuleFixtures;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class DoCowFaultTests
{
    private static (KernelCore Kernel, int First, int Second) TwoProcessesMapping()
    {
        var kernel = NewKernel();
        var contents = new byte[0x2000];
        contents[0] = 0x5a;
        kernel.Files.Provide("data.bin", contents);
        var first = kernel.CreateProcess("a");
        var second = kernel.CreateProcess("b");
        kernel.Mmap(first, HeapLike, 0x2000, VmaPermissions.ReadWrite, MapFlags.Fixed, "data.bin");
        kernel.Mmap(second, HeapLike, 0x2000, VmaPermissions.ReadWrite, MapFlags.Fixed, "data.bin");
        return (kernel, first, second);
    }

    [Fact]
    public void Handle_PageNotCached_ReadsItAndMapsAWritableDirtyPrivateCopy()
    {
        var (kernel, first, _) = TwoProcessesMapping();

        var outcome = DoCowFault.Handle(kernel, first, HeapLike, AreaAt(kernel, first, HeapLike), out var frame);

        Assert.Equal(FaultOutcome.FileRead, outcome);
        Assert.Equal(FrameUse.Anonymous, kernel.Frames.UseOf(frame));
        var bits = kernel.Pte.Decode(LeafOf(kernel, first, HeapLike));
        Assert.Equal(PteBits.Writable | PteBits.Dirty, bits & (PteBits.Writable | PteBits.Dirty));
        Assert.Equal(frame, kernel.Pte.FrameOf(LeafOf(kernel, first, HeapLike)));

        // The page read only for the copy is mapped nowhere, so VmQuest's page cache does not keep it.
        Assert.Equal(1, kernel.Frames.DataFrames);
        kernel.SwitchTo(first);
        Assert.Equal(0x5aUL, kernel.Access(first, HeapLike, AccessKind.Read, width: 1).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_PageCachedForAnotherProcess_CopiesWithoutIoAndLeavesTheCachePageAlone()
    {
        var (kernel, first, second) = TwoProcessesMapping();
        DoReadFault.Handle(kernel, second, HeapLike, AreaAt(kernel, second, HeapLike), out var cached);

        var outcome = DoCowFault.Handle(kernel, first, HeapLike, AreaAt(kernel, first, HeapLike), out var frame);

        Assert.Equal(FaultOutcome.PageCacheHit, outcome);
        Assert.NotEqual(cached, frame);
        Assert.Equal(1, kernel.Frames.MapCountOf(cached));
        Assert.Equal(1, kernel.Frames.MapCountOf(frame));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void HandleFault_WriteToAnUntouchedPrivateFilePage_OneFaultAndTheFileUnchanged()
    {
        var (kernel, first, second) = TwoProcessesMapping();
        kernel.SwitchTo(first);

        Assert.True(kernel.Access(first, HeapLike, AccessKind.Write, 0x11, width: 1).Completed);

        Assert.Equal(1, kernel.Counters.Faults);
        Assert.Equal(1, kernel.Counters.MajorFaults);
        Assert.Equal(0, kernel.Counters.CowCopies);
        kernel.SwitchTo(second);
        Assert.Equal(0x5aUL, kernel.Access(second, HeapLike, AccessKind.Read, width: 1).Value);
        KernelInvariants.Check(kernel);
    }
}
