using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.Faults.FaultRuleFixtures;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class DoAnonymousPageTests
{
    [Fact]
    public void Handle_WriteToUntouchedPage_MapsAZeroedFrameWritable()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        var outcome = DoAnonymousPage.Handle(kernel, pid, HeapLike, AreaAt(kernel, pid, HeapLike), AccessKind.Write, grew: false, out var frame);

        Assert.Equal(FaultOutcome.DemandZero, outcome);
        Assert.Equal(FrameUse.Anonymous, kernel.Frames.UseOf(frame));
        Assert.Equal(1, kernel.Frames.MapCountOf(frame));
        var read = kernel.Access(pid, HeapLike + 8, AccessKind.Write, 5);
        Assert.Null(read.Fault);
        Assert.Equal(frame, read.PhysicalAddress >> 12);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_ReadOfUntouchedPage_MapsTheZeroPageReadOnlyWithoutADataFrame()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        var before = kernel.Frames.DataFrames;

        var outcome = DoAnonymousPage.Handle(kernel, pid, HeapLike, AreaAt(kernel, pid, HeapLike), AccessKind.Read, grew: false, out var frame);

        Assert.Equal(FaultOutcome.DemandZero, outcome);
        Assert.Equal(kernel.ZeroPageFrame, frame);
        Assert.Equal(FrameUse.ZeroPage, kernel.Frames.UseOf(frame));
        Assert.Equal(0, kernel.Frames.MapCountOf(frame));
        Assert.True(kernel.Frames.IsPinned(frame));
        Assert.Equal(before, kernel.Frames.DataFrames);
        Assert.Equal(PteBits.None, kernel.Pte.Decode(LeafOf(kernel, pid, HeapLike)) & PteBits.Writable);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_ReadsOfManyPages_ShareOneZeroPage()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        DoAnonymousPage.Handle(kernel, pid, HeapLike, AreaAt(kernel, pid, HeapLike), AccessKind.Read, grew: false, out var first);
        DoAnonymousPage.Handle(kernel, pid, HeapLike + Page, AreaAt(kernel, pid, HeapLike), AccessKind.Execute, grew: false, out var second);

        Assert.Equal(first, second);
        Assert.Equal(1, kernel.ReservedFrames);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Handle_ReadWithTheZeroPageOff_MapsAFrameOfItsOwn()
    {
        var kernel = NewKernel(options: new KernelOptions { ZeroPage = false });
        var pid = NewProcessWithMapping(kernel);

        DoAnonymousPage.Handle(kernel, pid, HeapLike, AreaAt(kernel, pid, HeapLike), AccessKind.Read, grew: false, out var frame);

        Assert.Equal(FrameUse.Anonymous, kernel.Frames.UseOf(frame));
        Assert.Null(kernel.ZeroPageFrame);
    }

    [Fact]
    public void Handle_ReadOfSharedAnonymousMemory_MapsAFrameOfItsOwn()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, flags: MapFlags.Fixed | MapFlags.Shared);

        DoAnonymousPage.Handle(kernel, pid, HeapLike, AreaAt(kernel, pid, HeapLike), AccessKind.Read, grew: false, out var frame);

        Assert.Equal(FrameUse.Anonymous, kernel.Frames.UseOf(frame));
    }

    [Fact]
    public void Handle_ForAGrownStack_StackGrowth()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        Assert.Equal(FaultOutcome.StackGrowth, DoAnonymousPage.Handle(kernel, pid, HeapLike, AreaAt(kernel, pid, HeapLike), AccessKind.Write, grew: true, out _));
    }
}
