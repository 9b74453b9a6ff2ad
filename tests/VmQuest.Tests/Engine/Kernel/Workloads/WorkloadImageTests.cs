using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

public class WorkloadImageTests
{
    private sealed class QuietObserver : IMappingObserver
    {
        public void Unmapped(in VmArea area)
        {
        }

        public void ProtectionChanged(ulong startAddress, ulong endAddress, VmaPermissions permissions)
        {
        }
    }

    private static MemoryDescriptor Laid(ulong taskSize)
    {
        var mm = new MemoryDescriptor(4096, taskSize, new QuietObserver());
        WorkloadImage.Apply(mm, "test.vmw");
        return mm;
    }

    [Fact]
    public void Apply_X86Sized_KeepsTheUsualAddresses()
    {
        var mm = Laid(WorkloadImage.StackTop);

        Assert.Equal((0x40_0000UL, 0x40_2000UL, 0x40_3000UL, 0x40_5000UL), (mm.StartCode, mm.EndCode, mm.StartData, mm.StartBrk));
        Assert.Equal(0x7fff_ffff_ef00UL, mm.StartStack);
        Assert.Equal(0x7fff_f7ff_f000UL, mm.MmapBase);
        Assert.Equal(0x7fff_ffff_f000UL - 0x21000, mm.Vmas.Find(mm.StartStack)!.Value.Start);
    }

    [Fact]
    public void Apply_OneMegabyteSpace_ShrinksTheLayoutBelowTheTop()
    {
        var mm = Laid(0x10_0000);

        // Text right above the NULL page, the stack (an eighth of the space: 128 KiB) ending at the top.
        Assert.Equal((0x1000UL, 0x3000UL, 0x4000UL, 0x6000UL), (mm.StartCode, mm.EndCode, mm.StartData, mm.StartBrk));
        Assert.Equal(0xf_ff00UL, mm.StartStack);
        var stack = mm.Vmas.Find(mm.StartStack)!.Value;
        Assert.Equal((0xe_0000UL, 0x10_0000UL), (stack.Start, stack.End));
        Assert.Equal(0xd_f000UL, mm.MmapBase);
        Assert.All(mm.Vmas.Areas, v => Assert.True(v.End <= mm.TaskSize));
    }

    [Theory]
    [InlineData(4096UL, 0x10_0000UL, true)]
    [InlineData(4096UL, 0x1_0000UL, true)]
    [InlineData(4096UL, 0x4000UL, false)]
    [InlineData(32UL, 0x8000UL, false)]
    public void FitsCompact_PageAndSpaceSizes_NeedsRealPagesAndSixteenOfThem(ulong pageSize, ulong taskSize, bool fits)
    {
        Assert.Equal(fits, WorkloadImage.FitsCompact(pageSize, taskSize));
    }

    [Theory]
    [InlineData(0x10_0000UL, true)]
    [InlineData(0x40_0000UL, true)]
    [InlineData(0xc000_0000UL, false)]
    [InlineData(0x7fff_ffff_f000UL, false)]
    public void IsCompact_TaskSizes_OnlyWhenTextAt4MiBDoesNotFit(ulong taskSize, bool compact)
    {
        Assert.Equal(compact, WorkloadImage.IsCompact(taskSize));
    }
}
