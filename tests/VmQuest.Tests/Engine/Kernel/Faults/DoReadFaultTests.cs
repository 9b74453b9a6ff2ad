using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;
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

        var read = DoReadFault.Handle(kernel, first, HeapLike, AreaAt(kernel, first, HeapLike), AccessKind.Read, out var frame);
        var hit = DoReadFault.Handle(kernel, second, HeapLike, AreaAt(kernel, second, HeapLike), AccessKind.Read, out var same);

        Assert.Equal(FaultOutcome.FileRead, read);
        Assert.Equal(FaultOutcome.PageCacheHit, hit);
        Assert.Equal(frame, same);
        Assert.Equal(FrameUse.File, kernel.Frames.UseOf(frame));
        Assert.Equal(2, kernel.Frames.MapCountOf(frame));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_WriteToAPrivateMapping_MapsAPrivateCopyOfThePage()
    {
        var (kernel, first, _) = TwoProcessesMapping(VmaPermissions.ReadWrite);

        var outcome = DoReadFault.Handle(kernel, first, HeapLike, AreaAt(kernel, first, HeapLike), AccessKind.Write, out var frame);

        Assert.Equal(FaultOutcome.FileRead, outcome);
        Assert.Equal(FrameUse.Anonymous, kernel.Frames.UseOf(frame));
        kernel.SwitchTo(first);
        Assert.Equal(0x5aUL, kernel.Access(first, HeapLike, AccessKind.Read, width: 1).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_PageWhollyPastTheEnd_SigBus()
    {
        var (kernel, first, _) = TwoProcessesMapping(VmaPermissions.Read);
        kernel.Mmap(first, HeapLike + 0x10_0000, 0x4000, VmaPermissions.Read, MapFlags.Fixed, "data.bin");

        var page = HeapLike + 0x10_0000 + 0x3000;
        Assert.Equal(FaultOutcome.SigBusPastEndOfFile, DoReadFault.Handle(kernel, first, page, AreaAt(kernel, first, page), AccessKind.Read, out _));
        Assert.Equal(0, kernel.Frames.DataFrames);
    }
}
