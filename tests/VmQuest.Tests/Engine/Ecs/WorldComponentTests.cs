using VmQuest.Engine.Ecs;

namespace VmQuest.Tests.Engine.Ecs;

public class WorldComponentTests
{
    [Fact]
    public void Add_NewComponent_HasAndGetReturnIt()
    {
        var world = new World();
        var entity = world.Create(new Position(1, 2));

        world.Add(entity, new Velocity(3, 4));

        Assert.True(world.Has<Position>(entity));
        Assert.True(world.Has<Velocity>(entity));
        Assert.False(world.Has<Health>(entity));
        Assert.Equal(3, world.Get<Velocity>(entity).Dx);
        Assert.Equal(2, world.Get<Position>(entity).Y);
    }

    [Fact]
    public void Add_ComponentAlreadyPresent_Throws()
    {
        var world = new World();
        var entity = world.Create(new Position(1, 2));
        var error = Assert.Throws<ComponentMismatchException>(() => world.Add(entity, new Position(5, 5)));
        Assert.Contains("already has a Position", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, world.Get<Position>(entity).X);
    }

    [Fact]
    public void Get_MissingComponent_ThrowsNamingTheType()
    {
        var world = new World();
        var entity = world.Create(new Position(1, 2));
        var error = Assert.Throws<ComponentMismatchException>(() => world.Get<Health>(entity));
        Assert.Contains("no Health", error.Message, StringComparison.Ordinal);
        Assert.Throws<ComponentMismatchException>(() => world.Set(entity, new Health(1)));
        Assert.Throws<ComponentMismatchException>(() => world.Remove<Health>(entity));
    }

    [Fact]
    public void Get_ByRef_WritesInPlace()
    {
        var world = new World();
        var entity = world.Create(new Health(10));

        world.Get<Health>(entity).Value -= 3;

        Assert.Equal(7, world.Get<Health>(entity).Value);
    }

    [Fact]
    public void Set_ExistingComponent_Overwrites()
    {
        var world = new World();
        var entity = world.Create(new Health(10));
        world.Set(entity, new Health(99));
        Assert.Equal(99, world.Get<Health>(entity).Value);
    }

    [Fact]
    public void Remove_Component_OthersSurviveTheMove()
    {
        var world = new World();
        var entity = world.Create(new Position(1, 2), new Velocity(3, 4), new Health(5));

        world.Remove<Velocity>(entity);

        Assert.False(world.Has<Velocity>(entity));
        Assert.Equal(new Position(1, 2), world.Get<Position>(entity));
        Assert.Equal(5, world.Get<Health>(entity).Value);
    }

    [Fact]
    public void TryGet_PresentAndMissing_ReportsBoth()
    {
        var world = new World();
        var entity = world.Create(new Health(4));
        Assert.True(world.TryGet<Health>(entity, out var health));
        Assert.Equal(4, health.Value);
        Assert.False(world.TryGet<Position>(entity, out _));
    }

    [Fact]
    public void Add_TagComponent_IsQueryable()
    {
        var world = new World();
        var entity = world.Create(new Health(1));
        world.Add<Frozen>(entity);
        Assert.True(world.Has<Frozen>(entity));
        Assert.Equal(1, world.CountEntities(new QueryDescription().WithAll<Frozen>()));
    }

    [Fact]
    public void Components_ManagedStruct_SurvivesMovesBetweenArchetypes()
    {
        var world = new World();
        var entity = world.Create(new Label("bureau"));
        world.Add(entity, new Health(1));
        world.Remove<Health>(entity);
        Assert.Equal("bureau", world.Get<Label>(entity).Text);
    }

    [Fact]
    public void ComponentTypesOf_Entity_ListsItsTypes()
    {
        var world = new World();
        var entity = world.Create(new Health(1), new Position(0, 0));
        var names = world.ComponentTypesOf(entity).Select(t => t.Type.Name).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(["Health", "Position"], names);
    }

    [Fact]
    public void AddRemove_ManyEntitiesAcrossChunks_EveryValueKept()
    {
        var world = new World();
        var entities = Enumerable.Range(0, 5000).Select(i => world.Create(new Health(i))).ToList();
        for (var i = 0; i < entities.Count; i += 2)
        {
            world.Add(entities[i], new Position(i, -i));
        }

        for (var i = 0; i < entities.Count; i += 4)
        {
            world.Remove<Health>(entities[i]);
        }

        for (var i = 0; i < entities.Count; i++)
        {
            Assert.Equal(i % 4 != 0, world.Has<Health>(entities[i]));
            if (i % 4 != 0)
            {
                Assert.Equal(i, world.Get<Health>(entities[i]).Value);
            }

            if (i % 2 == 0)
            {
                Assert.Equal(-i, world.Get<Position>(entities[i]).Y);
            }
        }
    }
}
