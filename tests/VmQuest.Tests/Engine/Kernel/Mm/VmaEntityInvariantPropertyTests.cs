using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Mm;

/// <summary>
/// Random mmap / munmap / mprotect / brk / fork / exit / wait sequences on a kernel keep the VMA entities and
/// the mm indexes one set (<see cref="VmaEntityInvariant"/>): after every step the world holds one entity per
/// VMA of a live process, each entity's components are the VMA its tree shows, and every tree stays sorted
/// and disjoint.
/// </summary>
public class VmaEntityInvariantPropertyTests
{
    private const int Pages = 16;
    private const ulong Base = 0x4000_0000;

    private enum OpKind
    {
        Mmap,
        Munmap,
        Mprotect,
        Brk,
        Fork,
        Exit,
        Wait,
        Touch,
    }

    private sealed record Op(OpKind Kind, int Process, int First, int Count, int Permissions);

    private static readonly QueryDescription VmaEntities = new QueryDescription().WithAll<VmaRange, VmaFlags, VmaBacking>();

    [Fact]
    public void RandomAddressSpaceOperations_EntitiesAndIndexesAgree()
    {
        var op = from kind in Gen.Elements(Enum.GetValues<OpKind>())
                 from process in Gen.Choose(0, 3)
                 from first in Gen.Choose(0, Pages - 1)
                 from count in Gen.Choose(1, 6)
                 from permissions in Gen.Choose(0, 7)
                 select new Op(kind, process, first, count, permissions);

        Prop.ForAll(Gen.ListOf(op).Select(l => l.ToArray()).ToArbitrary(), Run)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void Check_EntityLeftBehindByNoIndex_Throws()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel, pages: 2);
        var stray = kernel.World.Create(new VmaRange { Start = Base + (4 * Page), End = Base + (5 * Page) }, new VmaFlags(), new VmaBacking());
        kernel.World.Add(stray, new VmaOwner { Pid = pid });

        var broken = Assert.Throws<InvalidOperationException>(() => VmaEntityInvariant.Check(kernel));
        Assert.Contains("no live address space", broken.Message);
    }

    private static bool Run(Op[] ops)
    {
        var kernel = NewKernel();
        var first = kernel.CreateProcess("p");
        kernel.SwitchTo(first);
        foreach (var op in ops)
        {
            Apply(kernel, op);
            VmaEntityInvariant.Check(kernel);
            AssertComponentsAreTheTreesView(kernel);
        }

        return true;
    }

    private static void Apply(KernelCore kernel, Op op)
    {
        var live = kernel.Pids.Where(p => kernel.MemoryOf(p).Mm is not null).ToList();
        if (live.Count == 0)
        {
            return;
        }

        var pid = live[op.Process % live.Count];
        var start = Base + ((ulong)op.First * Page);
        var length = (ulong)op.Count * Page;
        var permissions = (VmaPermissions)op.Permissions;
        switch (op.Kind)
        {
            case OpKind.Mmap:
                kernel.Mmap(pid, start, length, permissions, op.Permissions % 2 == 0 ? MapFlags.Fixed : MapFlags.Private);
                break;
            case OpKind.Munmap:
                kernel.Munmap(pid, start, length);
                break;
            case OpKind.Mprotect:
                kernel.Mprotect(pid, start, length, permissions);
                break;
            case OpKind.Brk:
                var mm = kernel.MmOf(pid);
                kernel.Brk(pid, mm.Brk == 0 ? 0x60_0000UL + length : mm.StartBrk + (ulong)op.First * 0x800);
                break;
            case OpKind.Fork when live.Count < 4:
                kernel.Fork(pid);
                break;
            case OpKind.Exit when live.Count > 1:
                if (kernel.CurrentPid == pid)
                {
                    kernel.SwitchTo(live.First(p => p != pid));
                }

                kernel.Exit(pid, 0);
                break;
            case OpKind.Wait:
                kernel.Wait(kernel.Info(pid).ParentPid);
                break;
            case OpKind.Touch when kernel.MmOf(pid).Vmas.Find(start) is { } area && (area.Permissions & VmaPermissions.Write) != 0:
                kernel.SwitchTo(pid);
                kernel.Access(pid, start, AccessKind.Write, 1);
                break;
        }
    }

    private static void AssertComponentsAreTheTreesView(KernelCore kernel)
    {
        var inWorld = new List<VmArea>();
        kernel.World.Query(VmaEntities, (ref VmaRange range, ref VmaFlags flags, ref VmaBacking backing) =>
            inWorld.Add(new VmArea(range.Start, range.End, flags.Permissions, flags.Shared, backing.Kind, backing.Path, backing.FileOffset, flags.Accounted)));
        var indexed = kernel.Pids.SelectMany(p => kernel.MemoryOf(p).Mm?.Vmas.Areas ?? []).ToList();
        Assert.Equal(indexed.Order(AreaOrder.Instance), inWorld.Order(AreaOrder.Instance));
    }

    // Areas of different processes may be equal; sorting both lists by every field compares them as multisets.
    private sealed class AreaOrder : IComparer<VmArea>
    {
        public static readonly AreaOrder Instance = new();

        public int Compare(VmArea x, VmArea y) =>
            string.CompareOrdinal(x.ToString(), y.ToString());
    }
}
