using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>Each VMA is one entity of the kernel's world, from mmap to exit, and <see cref="KernelCore.VmaEntityAt"/> finds it.</summary>
public class KernelCoreVmasTests
{
    private static readonly QueryDescription VmaEntities = new QueryDescription().WithAll<VmaOwner>();

    private static int VmaEntityCount(KernelCore kernel) => kernel.World.CountEntities(VmaEntities);

    private static int IndexedVmas(KernelCore kernel) => kernel.Pids.Sum(p => kernel.MemoryOf(p).Mm?.Vmas.Count ?? 0);

    [Fact]
    public void VmaEntityAt_AfterMmap_IsTheEntityWhoseComponentsAreTheVma()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, pages: 4);

        var entity = kernel.VmaEntityAt(pid, HeapLike + Page);

        var area = kernel.MmOf(pid).Vmas.Find(HeapLike)!.Value;
        Assert.Equal((area.Start, area.End), (kernel.World.Get<VmaRange>(entity).Start, kernel.World.Get<VmaRange>(entity).End));
        Assert.Equal(area.Permissions, kernel.World.Get<VmaFlags>(entity).Permissions);
        Assert.Equal(area.Kind, kernel.World.Get<VmaBacking>(entity).Kind);
        Assert.Equal(pid, kernel.World.Get<VmaOwner>(entity).Pid);
        Assert.Equal(1, VmaEntityCount(kernel));
    }

    [Fact]
    public void VmaEntityAt_HoleUnknownPidOrExitedProcess_IsNull()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, pages: 4);

        Assert.Equal(Entity.Null, kernel.VmaEntityAt(pid, HeapLike + (4 * Page)));
        Assert.Equal(Entity.Null, kernel.VmaEntityAt(pid + 1, HeapLike));
        kernel.Exit(pid, 0);
        Assert.Equal(Entity.Null, kernel.VmaEntityAt(pid, HeapLike));
    }

    [Fact]
    public void MprotectThenMunmap_SplitMergeAndUnmap_OneEntityPerVmaThroughout()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, pages: 4);
        var original = kernel.VmaEntityAt(pid, HeapLike);

        kernel.Mprotect(pid, HeapLike + Page, Page, VmaPermissions.Read);
        Assert.Equal(3, VmaEntityCount(kernel));
        Assert.Equal(original, kernel.VmaEntityAt(pid, HeapLike));

        kernel.Mprotect(pid, HeapLike + Page, Page, VmaPermissions.ReadWrite);
        Assert.Equal(1, VmaEntityCount(kernel));

        kernel.Munmap(pid, HeapLike + Page, Page);
        Assert.Equal(2, VmaEntityCount(kernel));
        Assert.Equal(IndexedVmas(kernel), VmaEntityCount(kernel));
        VmaEntityInvariant.Check(kernel);
    }

    [Fact]
    public void Fork_ChildGetsEntitiesOfItsOwnAndExitDestroysThem()
    {
        var kernel = NewKernel();
        var parent = NewProcessWithMapping(kernel, pages: 4);
        kernel.Mmap(parent, HeapLike + (8 * Page), Page, VmaPermissions.Read, MapFlags.Fixed);
        kernel.Access(parent, HeapLike, AccessKind.Write, 1);

        var child = kernel.Fork(parent);

        Assert.Equal(4, VmaEntityCount(kernel));
        var parentVma = kernel.VmaEntityAt(parent, HeapLike);
        var childVma = kernel.VmaEntityAt(child, HeapLike);
        Assert.NotEqual(parentVma, childVma);
        Assert.Equal(child, kernel.World.Get<VmaOwner>(childVma).Pid);
        Assert.Equal(kernel.MmOf(parent).Vmas.Areas, kernel.MmOf(child).Vmas.Areas);
        VmaEntityInvariant.Check(kernel);

        kernel.Exit(child, 0);

        Assert.Equal(2, VmaEntityCount(kernel));
        Assert.True(kernel.World.IsAlive(parentVma));
        Assert.False(kernel.World.IsAlive(childVma));
        VmaEntityInvariant.Check(kernel);
    }

    [Fact]
    public void Exec_ReplacesTheOldVmaEntitiesWithTheProgramsLayout()
    {
        var kernel = NewKernel(64UL << 20);
        var pid = NewProcessWithMapping(kernel, pages: 4);
        var old = kernel.VmaEntityAt(pid, HeapLike);

        kernel.Exec(pid, "/bin/true", ["true"], []);

        Assert.False(kernel.World.IsAlive(old));
        Assert.Equal(kernel.MmOf(pid).Vmas.Count, VmaEntityCount(kernel));
        Assert.True(VmaEntityCount(kernel) > 4);
        VmaEntityInvariant.Check(kernel);
    }

    [Fact]
    public void StackGrowthOnAFault_KeepsTheStacksEntity()
    {
        var kernel = NewKernel(64UL << 20);
        var pid = kernel.CreateProcess("true");
        kernel.Exec(pid, "/bin/true", ["true"], []);
        kernel.SwitchTo(pid);
        var stack = kernel.MmOf(pid).Vmas.Areas.Single(a => a.Kind == VmaKind.Stack);
        var entity = kernel.VmaEntityAt(pid, stack.Start);

        kernel.Access(pid, stack.Start - Page, AccessKind.Write, 1);

        Assert.Equal(entity, kernel.VmaEntityAt(pid, stack.Start - Page));
        Assert.Equal(stack.Start - Page, kernel.World.Get<VmaRange>(entity).Start);
        VmaEntityInvariant.Check(kernel);
    }
}
