using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using static VmQuest.Tests.Engine.Kernel.Faults.FaultRuleFixtures;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class DoReadFaultTests
{
    private static (KernelCore Kernel, int First, int Second) TwoProcessesMapping(VmaPermissions permissions)
    {
        var kernel = NewKernel();
        var contents = new byte[0x2000];
        contents[0] = 0x5a;
        kernel.Files.Provide("data.bin", contents);
        var first = kernel.CreateProcess("a");
        var second = kernel.CreateProcess("b");
        kernel.Mmap(first, HeapLike, 0x2000, permissions, MapFlags.Fixed, "data.bin");
        kernel.Mmap(second, HeapLike, 0x2000, permissions, MapFlags.Fixed, "data.bin");
        return (kernel, first, second);
    }

    [Fact]
    public void Handle_PageNotCached_ReadsItThenTheOtherProcessHitsThePageCache()
    {
        var (kernel, first, second) = TwoProcessesMapping(VmaPermissions.Read);

        var read = DoReadFault.Handle(kernel, first, HeapLike, AreaAt(kernel, first, HeapLike), out var frame);
        var hit = DoReadFault.Handle(kernel, second, HeapLike, AreaAt(kernel, second, HeapLike), out var same);

        Assert.Equal(FaultOutcome.FileRead, read);
        Assert.Equal(FaultOutcome.PageCacheHit, hit);
        Assert.Equal(frame, same);
        Assert.Equal(FrameUse.File, kernel.Frames.UseOf(frame));
        Assert.Equal(2, kernel.Frames.MapCountOf(frame));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_SharedWritableMapping_MapsThePageReadOnlyUntilItsFirstWrite()
    {
        var kernel = NewKernel();
        kernel.Files.Provide("data.bin", new byte[0x2000]);
        var pid = kernel.CreateProcess("a");
        kernel.Mmap(pid, HeapLike, 0x2000, VmaPermissions.ReadWrite, MapFlags.Fixed | MapFlags.Shared, "data.bin");

        Assert.Equal(FaultOutcome.FileRead, DoReadFault.Handle(kernel, pid, HeapLike, AreaAt(kernel, pid, HeapLike), out var frame));

        var bits = kernel.Pte.Decode(LeafOf(kernel, pid, HeapLike));
        Assert.Equal(PteBits.None, bits & PteBits.Writable);
        Assert.Equal(FrameUse.File, kernel.Frames.UseOf(frame));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_PrivateWritableMapping_SharesThePageCachePageCopyOnWrite()
    {
        var (kernel, first, _) = TwoProcessesMapping(VmaPermissions.ReadWrite);

        Assert.Equal(FaultOutcome.FileRead, DoReadFault.Handle(kernel, first, HeapLike, AreaAt(kernel, first, HeapLike), out var frame));

        var bits = kernel.Pte.Decode(LeafOf(kernel, first, HeapLike));
        Assert.Equal(PteBits.None, bits & PteBits.Writable);
        Assert.Equal(FrameUse.File, kernel.Frames.UseOf(frame));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_PageWhollyPastTheEnd_SigBus()
    {
        var (kernel, first, _) = TwoProcessesMapping(VmaPermissions.Read);
        kernel.Mmap(first, HeapLike + 0x10_0000, 0x4000, VmaPermissions.Read, MapFlags.Fixed, "data.bin");

        var page = HeapLike + 0x10_0000 + 0x3000;
        Assert.Equal(FaultOutcome.SigBusPastEndOfFile, DoReadFault.Handle(kernel, first, page, AreaAt(kernel, first, page), out _));
        Assert.Equal(0, kernel.Frames.DataFrames);
    }
}
