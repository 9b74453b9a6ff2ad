using VmQuest.Engine.Ecs;

namespace VmQuest.Tests.Engine.Ecs;

public class WorldInspectionTests
{
    [Fact]
    public void ReadBoxed_ComponentOfTheEntity_ReturnsACopyOfItsValue()
    {
        var world = new World();
        world.Create(new Health(1));
        var entity = world.Create(new Position(3, 4), new Health(9));

        var boxed = world.ReadBoxed(entity, ComponentType.Of<Position>());
        world.Set(entity, new Position(5, 6));

        Assert.Equal(3, Assert.IsType<Position>(boxed).X);
        Assert.Equal(9, Assert.IsType<Health>(world.ReadBoxed(entity, ComponentType.Of<Health>())).Value);
    }

    [Fact]
    public void ReadBoxed_AfterTheEntityMovedArchetype_ReadsItsNewRow()
    {
        var world = new World();
        var other = world.Create(new Health(1));
        var entity = world.Create(new Health(2));
        world.Destroy(other);
        world.Add(entity, new Position(7, 8));

        Assert.Equal(2, ((Health)world.ReadBoxed(entity, ComponentType.Of<Health>())).Value);
        Assert.Equal(8, ((Position)world.ReadBoxed(entity, ComponentType.Of<Position>())).Y);
    }

    [Fact]
    public void ReadBoxed_MissingComponentOrDeadEntity_Throws()
    {
        var world = new World();
        var entity = world.Create(new Health(1));
        Assert.Throws<ComponentMismatchException>(() => world.ReadBoxed(entity, ComponentType.Of<Velocity>()));
        world.Destroy(entity);
        Assert.Throws<StaleEntityException>(() => world.ReadBoxed(entity, ComponentType.Of<Health>()));
    }

    [Fact]
    public void TryFindLive_IdOfALiveEntity_ReturnsItsCurrentHandle()
    {
        var world = new World();
        var first = world.Create(new Health(1));
        world.Destroy(first);
        var reused = world.Create(new Health(2));

        Assert.True(world.TryFindLive(reused.Id, out var found));
        Assert.Equal(reused, found);
        Assert.Equal(first.Id, found.Id);
        Assert.NotEqual(first.Version, found.Version);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(1000)]
    public void TryFindLive_NoLiveEntityThere_ReturnsFalse(int id)
    {
        var world = new World();
        var kept = world.Create(new Health(1));
        var gone = world.Create(new Health(2));
        world.Destroy(gone);

        Assert.Equal(0, kept.Id);
        Assert.False(world.TryFindLive(id, out var found));
        Assert.True(found.IsNull);
    }
}
