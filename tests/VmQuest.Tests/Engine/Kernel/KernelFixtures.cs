using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Tlb;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>Kernels on a clean x86-64 machine (no demo image) for the kernel tests.</summary>
internal static class KernelFixtures
{
    public const ulong Page = 0x1000;
    public const ulong HeapLike = 0x4000_0000;

    public static KernelCore NewKernel(ulong memoryBytes = 16UL << 20, KernelOptions? options = null, bool pcid = true)
    {
        var machine = BuiltinMachines.Load("x86-64").WithImage(null).WithPhysicalMemory(memoryBytes);
        machine = machine.WithTlb(machine.Tlb with { Pcid = pcid });
        return new KernelCore(machine, options);
    }

    /// <summary>A running process with an anonymous read-write mapping of <paramref name="pages"/> pages at <see cref="HeapLike"/>.</summary>
    public static int NewProcessWithMapping(KernelCore kernel, int pages = 16, MapFlags flags = MapFlags.Fixed)
    {
        var pid = kernel.CreateProcess("test");
        Assert.True(kernel.Mmap(pid, HeapLike, (ulong)pages * Page, VmaPermissions.ReadWrite, flags).Succeeded);
        kernel.SwitchTo(pid);
        return pid;
    }
}
