using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>The kernel is not x86-64-only: its user-space size and mmap floor follow the machine description.</summary>
public class KernelOnOtherMachinesTests
{
    [Theory]
    [InlineData("x86-64", 0x7fff_ffff_f000UL)]
    [InlineData("riscv-sv39", 0x3f_ffff_f000UL)]
    [InlineData("i386", 0xc000_0000UL)]
    [InlineData("ostep-multilevel", 0x8000UL)]
    public void UserSpaceEnd_BuiltinMachines_MatchTheirUserHalf(string name, ulong expected) =>
        Assert.Equal(expected, KernelCore.UserSpaceEnd(BuiltinMachines.Load(name)));

    [Theory]
    [InlineData("riscv-sv39")]
    [InlineData("i386")]
    public void MmapTopDownThenTouch_OtherMachines_DemandZeroWorks(string name)
    {
        var kernel = new KernelCore(BuiltinMachines.Load(name).WithImage(null));
        var pid = kernel.CreateProcess("p");
        kernel.MmOf(pid).MmapBase = kernel.TaskSize;
        var mapped = kernel.Mmap(pid, 0, 0x2000, VmaPermissions.ReadWrite, MapFlags.Private);
        kernel.SwitchTo(pid);

        Assert.True(mapped.Succeeded);
        Assert.Equal(FaultOutcome.DemandZero, kernel.Access(pid, mapped.Value, AccessKind.Write, 1, 4).Fault);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void MmapFixedLow_OstepMultilevel_FitsTheTinyAddressSpace()
    {
        var kernel = new KernelCore(BuiltinMachines.Load("ostep-multilevel").WithImage(null));
        var pid = kernel.CreateProcess("p");
        Assert.True(kernel.Mmap(pid, 0x1000, 0x100, VmaPermissions.ReadWrite, MapFlags.Fixed).Succeeded);
        kernel.SwitchTo(pid);
        Assert.True(kernel.Access(pid, 0x1010, AccessKind.Write, 7, 1).Completed);
    }

    [Fact]
    public void Exec_X86ProgramOnI386_FailsAndLeavesTheProcessAsItWas()
    {
        var kernel = new KernelCore(BuiltinMachines.Load("i386").WithImage(null));
        var pid = kernel.CreateProcess("p");
        kernel.Mmap(pid, 0x1000_0000, 0x1000, VmaPermissions.ReadWrite, MapFlags.Fixed);

        Assert.ThrowsAny<FormatParseException>(() => kernel.Exec(pid, "/bin/true", ["true"], []));

        Assert.NotNull(kernel.MmOf(pid).Vmas.Find(0x1000_0000));
    }
}
