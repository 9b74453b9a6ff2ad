using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.Faults.FaultRuleFixtures;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class HandleMmFaultTests
{
    [Fact]
    public void Handle_UntouchedAnonymousPage_DemandZeroCountedAndAnnounced()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        var outcome = HandleMmFault.Handle(kernel, pid, HeapLike + 0x10, AccessKind.Read);

        Assert.Equal(FaultOutcome.DemandZero, outcome);
        Assert.Equal(1, kernel.Counters.Faults);
        var resolved = Assert.Single(kernel.World.Events<PageFaultResolved>().Read().ToArray());
        Assert.Equal(new PageFaultResolved(pid, HeapLike + 0x10, FaultOutcome.DemandZero, kernel.Pte.FrameOf(LeafOf(kernel, pid, HeapLike))), resolved);
    }

    [Theory]
    [InlineData(0x1000UL, FaultOutcome.SegvNoMapping)]
    [InlineData(0xffff_8880_0000_0000UL, FaultOutcome.SegvKernelAddress)]
    [InlineData(0x0000_8000_0000_0000UL, FaultOutcome.SegvGeneralProtection)]
    public void Handle_BadAddress_SegvAndNothingMapped(ulong va, FaultOutcome expected)
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        Assert.Equal(expected, HandleMmFault.Handle(kernel, pid, va, AccessKind.Read));
        Assert.Equal(0, kernel.Frames.DataFrames);
    }

    [Fact]
    public void Handle_WriteToReadOnlyVma_SegvWriteProtected()
    {
        var kernel = NewKernel();
        var pid = kernel.CreateProcess("p");
        kernel.Mmap(pid, HeapLike, Page, VmaPermissions.Read, MapFlags.Fixed);

        Assert.Equal(FaultOutcome.SegvWriteProtected, HandleMmFault.Handle(kernel, pid, HeapLike, AccessKind.Write));
    }

    [Fact]
    public void Handle_PresentWritablePage_Spurious()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Access(pid, HeapLike, AccessKind.Write, 1);

        Assert.Equal(FaultOutcome.Spurious, HandleMmFault.Handle(kernel, pid, HeapLike, AccessKind.Write));
    }

    [Fact]
    public void Handle_AgreesWithTheForecast()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel);
        kernel.Access(parent, HeapLike, AccessKind.Write, 1);
        var child = kernel.Fork(parent);

        foreach (var (pid, va, access) in new[] { (child, HeapLike, AccessKind.Write), (parent, HeapLike + Page, AccessKind.Read), (parent, HeapLike, AccessKind.Write) })
        {
            var forecast = kernel.ForecastFault(pid, va, access);
            Assert.Equal(forecast.Outcome, HandleMmFault.Handle(kernel, pid, va, access));
        }
    }

    [Fact]
    public void EffectiveAccess_WithAWritableBit_TheAccessAsIs()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);

        Assert.Equal(AccessKind.Read, HandleMmFault.EffectiveAccess(kernel, AreaAt(kernel, pid, HeapLike), AccessKind.Read));
    }

    [Fact]
    public void EffectiveAccess_WithoutAWritableBit_PrivatePagesAreWrittenAtFirstTouch()
    {
        var kernel = new KernelCore(BuiltinMachines.Load("ostep-multilevel").WithImage(null));
        var pid = kernel.CreateProcess("p");
        Assert.True(kernel.Mmap(pid, 0x1000, 0x100, VmaPermissions.ReadWrite, MapFlags.Fixed).Succeeded);

        Assert.Equal(AccessKind.Write, HandleMmFault.EffectiveAccess(kernel, AreaAt(kernel, pid, 0x1000), AccessKind.Read));
    }
}
