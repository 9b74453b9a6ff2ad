using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Tests.Engine.Kernel.Mm;

/// <summary>
/// Random insert / remove / protect / resize sequences agree with a page-by-page model (page number →
/// permissions), and the tree's invariants (sorted, disjoint, aligned, maximally merged) hold after each. The
/// tree is an index over VMA entities: after each step the world holds exactly one entity per area, and
/// each entity's components are the area the tree shows.
/// </summary>
public class VmaTreePropertyTests
{
    private const ulong Page = 0x1000;
    private const int Pages = 48;

    private sealed record Op(int Kind, int First, int Count, int Permissions);

    [Fact]
    public void RandomOperations_AgreeWithPageModelAndKeepInvariants()
    {
        var op = from kind in Gen.Choose(0, 2)
                 from first in Gen.Choose(0, Pages - 1)
                 from count in Gen.Choose(1, 8)
                 from permissions in Gen.Choose(0, 3)
                 select new Op(kind, first, Math.Min(count, Pages - first), permissions);

        Prop.ForAll(Gen.ListOf(op).Select(l => l.ToArray()).ToArbitrary(), Run)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static bool Run(Op[] ops)
    {
        var world = new World();
        var tree = new VmaTree(Page, world, ownerPid: 1);
        var model = new VmaPermissions?[Pages];
        foreach (var op in ops)
        {
            var start = (ulong)op.First * Page;
            var end = start + ((ulong)op.Count * Page);
            var permissions = (VmaPermissions)op.Permissions;
            var range = Enumerable.Range(op.First, op.Count);
            switch (op.Kind)
            {
                case 0 when range.All(p => model[p] is null):
                    tree.Insert(new VmArea(start, end, permissions, false, VmaKind.AnonymousMapping));
                    foreach (var p in range)
                    {
                        model[p] = permissions;
                    }

                    break;
                case 1:
                    var removedPages = tree.Remove(start, end).Sum(a => (int)(a.Length / Page));
                    Assert.Equal(range.Count(p => model[p] is not null), removedPages);
                    foreach (var p in range)
                    {
                        model[p] = null;
                    }

                    break;
                case 2:
                    var allMapped = range.All(p => model[p] is not null);
                    Assert.Equal(allMapped, tree.Protect(start, end, permissions));
                    if (allMapped)
                    {
                        foreach (var p in range)
                        {
                            model[p] = permissions;
                        }
                    }

                    break;
            }

            tree.CheckInvariants();
            AssertEntitiesAreTheAreas(world, tree);
            for (var p = 0; p < Pages; p++)
            {
                Assert.Equal(model[p], tree.Find((ulong)p * Page)?.Permissions);
            }
        }

        return true;
    }

    private static readonly QueryDescription VmaEntities = new QueryDescription().WithAll<VmaRange, VmaFlags, VmaBacking>();

    private static void AssertEntitiesAreTheAreas(World world, VmaTree tree)
    {
        var inWorld = new List<VmArea>();
        world.Query(VmaEntities, (ref VmaRange range, ref VmaFlags flags, ref VmaBacking backing) =>
            inWorld.Add(new VmArea(range.Start, range.End, flags.Permissions, flags.Shared, backing.Kind, backing.Path, backing.FileOffset, flags.Accounted)));
        Assert.Equal(tree.Count, world.EntityCount);
        Assert.Equal(tree.Areas, inWorld.OrderBy(a => a.Start));
        for (var i = 0; i < tree.Count; i++)
        {
            Assert.Equal(tree.StartAt(i), world.Get<VmaRange>(tree.EntityAtIndex(i)).Start);
        }
    }
}
