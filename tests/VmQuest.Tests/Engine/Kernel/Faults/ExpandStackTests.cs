using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class ExpandStackTests
{
    private const ulong Top = 0x7fff_ffff_f000;
    private const ulong Bottom = Top - 0x21000;

    private static MemoryDescriptor MmWithStack()
    {
        var kernel = NewKernel();
        var pid = kernel.CreateProcess("p");
        var mm = kernel.MmOf(pid);
        mm.Vmas.Insert(VmArea.Create(Bottom, Top, VmaPermissions.ReadWrite, shared: false, VmaKind.Stack));
        return mm;
    }

    [Fact]
    public void TryGrow_JustBelowTheStack_GrowsItOverTheAddress()
    {
        var mm = MmWithStack();

        Assert.True(ExpandStack.TryGrow(mm, Bottom - 0x10, out var grown));

        Assert.Equal(Bottom - Page, grown.Start);
        Assert.Equal(Bottom - Page, mm.Vmas.Find(Bottom - 0x10)!.Value.Start);
    }

    [Fact]
    public void TryGrow_FarBelowTheStack_FalseAndNothingChanges()
    {
        var mm = MmWithStack();

        Assert.False(ExpandStack.TryGrow(mm, Top - (64UL << 20), out _));

        Assert.Equal(Bottom, mm.Vmas.Find(Bottom)!.Value.Start);
    }

    [Fact]
    public void TryForesee_JustBelowTheStack_SaysTheGrownStackButChangesNothing()
    {
        var mm = MmWithStack();

        Assert.True(ExpandStack.TryForesee(mm, Bottom - 0x10, out var grown));

        Assert.Equal(Bottom - Page, grown.Start);
        Assert.Null(mm.Vmas.Find(Bottom - 0x10));
    }
}
