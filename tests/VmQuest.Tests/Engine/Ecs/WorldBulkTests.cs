using VmQuest.Engine.Ecs;

namespace VmQuest.Tests.Engine.Ecs;

public class WorldBulkTests
{
    private static readonly QueryDescription WithHealth = new QueryDescription().WithAll<Health>();

    [Fact]
    public void CreateMany_Components_CreatesOneEntityEachInOrder()
    {
        var world = new World();
        Health[] components = [new(1), new(2), new(3)];
        var created = new Entity[3];

        world.CreateMany<Health>(components, created);

        Assert.Equal([1, 2, 3], created.Select(e => world.Get<Health>(e).Value));
        Assert.Equal(3, world.EntityCount);
        Assert.Equal(3, world.CountEntities(WithHealth));
    }

    [Fact]
    public void CreateMany_SameAsCreatingOneByOne()
    {
        var bulk = new World();
        var single = new World();
        foreach (var w in new[] { bulk, single })
        {
            w.Destroy(w.Create(new Health(0)));                    // a freed id to reuse first
        }

        var components = Enumerable.Range(0, 5000).Select(i => new Health(i)).ToArray();   // several chunks
        var created = new Entity[components.Length];
        bulk.CreateMany<Health>(components, created);
        var expected = components.Select(c => single.Create(c)).ToArray();

        Assert.Equal(expected, created);
        var order = new List<int>();
        bulk.Query(WithHealth, (ref Health h) => order.Add(h.Value));
        Assert.Equal(components.Select(c => c.Value), order);
    }

    [Fact]
    public void CreateMany_LengthsDiffer_Throws()
    {
        var world = new World();

        Assert.Throws<ArgumentException>(() => world.CreateMany<Health>(new Health[2], new Entity[1]));
        Assert.Equal(0, world.EntityCount);
    }

    [Fact]
    public void CreateMany_InsideQuery_ThrowsStructuralChange()
    {
        var world = new World();
        world.Create(new Health(1));

        Assert.Throws<StructuralChangeException>(() =>
            world.Query(WithHealth, (ref Health _) => world.CreateMany<Health>(new Health[1], new Entity[1])));
    }
}
