using VmQuest.Engine.Ecs;

namespace VmQuest.Tests.Engine.Ecs;

public class WorldEntityTests
{
    [Fact]
    public void Create_NewWorld_EntitiesAreAliveWithVersionOne()
    {
        var world = new World();
        var a = world.Create();
        var b = world.Create();

        Assert.True(world.IsAlive(a));
        Assert.True(world.IsAlive(b));
        Assert.NotEqual(a, b);
        Assert.Equal(1, a.Version);
        Assert.Equal(2, world.EntityCount);
    }

    [Fact]
    public void Destroy_Entity_HandleBecomesStale()
    {
        var world = new World();
        var entity = world.Create(new Health(5));

        world.Destroy(entity);

        Assert.False(world.IsAlive(entity));
        Assert.Equal(0, world.EntityCount);
        Assert.Throws<StaleEntityException>(() => world.Get<Health>(entity));
        Assert.Throws<StaleEntityException>(() => world.Destroy(entity));
        Assert.Throws<StaleEntityException>(() => world.Add(entity, new Position(1, 2)));
        Assert.Throws<StaleEntityException>(() => world.Has<Health>(entity));
    }

    [Fact]
    public void Create_AfterDestroy_ReusesIdWithNewVersionAndOldHandleStaysStale()
    {
        var world = new World();
        var old = world.Create(new Health(1));
        world.Destroy(old);

        var reused = world.Create(new Health(2));

        Assert.Equal(old.Id, reused.Id);
        Assert.Equal(old.Version + 1, reused.Version);
        Assert.False(world.IsAlive(old));
        var error = Assert.Throws<StaleEntityException>(() => world.Get<Health>(old));
        Assert.Contains("not alive", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, world.Get<Health>(reused).Value);
    }

    [Fact]
    public void IsAlive_NullAndForeignHandles_False()
    {
        var world = new World();
        Assert.False(world.IsAlive(Entity.Null));
        Assert.False(world.IsAlive(new Entity(42, 1)));
        Assert.Throws<StaleEntityException>(() => world.Get<Health>(Entity.Null));
        Assert.True(Entity.Null.IsNull);
    }

    [Fact]
    public void Destroy_MiddleEntity_OtherEntitiesKeepTheirComponents()
    {
        var world = new World();
        var entities = Enumerable.Range(0, 10).Select(i => world.Create(new Health(i))).ToList();

        world.Destroy(entities[3]);
        world.Destroy(entities[0]);

        foreach (var (entity, i) in entities.Select((e, i) => (e, i)).Where(p => p.i is not 0 and not 3))
        {
            Assert.Equal(i, world.Get<Health>(entity).Value);
        }
    }

    [Fact]
    public void Create_SameTypeTwice_ThrowsAndCreatesNothing()
    {
        var world = new World();
        Assert.Throws<ArgumentException>(() => world.Create(new Health(1), new Health(2)));
        Assert.Equal(0, world.EntityCount);
    }

    [Fact]
    public void Entity_ToStringAndOrdering_ReadableAndById()
    {
        Assert.Equal("Entity(3v2)", new Entity(3, 2).ToString());
        Assert.Equal("Entity(null)", Entity.Null.ToString());
        Assert.True(new Entity(1, 5) < new Entity(2, 1));
        Assert.True(new Entity(2, 1) < new Entity(2, 2));
    }
}
