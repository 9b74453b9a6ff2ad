using VmQuest.Engine.Ecs;
using VmQuest.Engine.Ecs.Inspection;

namespace VmQuest.Tests.Engine.Ecs;

public class WorldDerivedTests
{
    // Members are live where `versions` is non-zero; each one's Position is (index, version).
    private sealed class Squares(int[] versions) : IDerivedEntities
    {
        public IReadOnlyList<ComponentType> ComponentTypes { get; } = [ComponentType.Of<Position>()];

        public int LiveVersion(int index) => versions[index];

        public object ReadBoxed(int index, ComponentType type) => new Position { X = index, Y = versions[index] };
    }

    [Fact]
    public void AddDerived_LiveMembers_ReadLikeAnyEntity()
    {
        var world = new World();
        var stored = world.Create(new Position { X = 1 });
        var first = world.AddDerived(3, new Squares([0, 7, 0]));
        var member = new Entity(first + 1, 7);

        Assert.True(world.IsAlive(member));
        Assert.True(world.Has<Position>(member));
        Assert.False(world.Has<Velocity>(member));
        Assert.True(world.TryGet<Position>(member, out var position));
        Assert.Equal((1, 7), (position.X, position.Y));
        Assert.Equal([ComponentType.Of<Position>()], world.ComponentTypesOf(member));
        Assert.Equal("Position", Assert.Single(EntityInspector.Inspect(world, member).Components).Name);
        Assert.True(world.TryFindLive(first + 1, out var found));
        Assert.Equal(member, found);
        Assert.True(world.IsAlive(stored));
    }

    [Fact]
    public void AddDerived_DeadOrOtherVersion_IsNotAlive()
    {
        var world = new World();
        var first = world.AddDerived(3, new Squares([0, 7, 0]));

        Assert.False(world.IsAlive(new Entity(first, 1)));
        Assert.False(world.IsAlive(new Entity(first + 1, 6)));
        Assert.False(world.TryFindLive(first + 2, out _));
        Assert.Throws<StaleEntityException>(() => world.TryGet<Position>(new Entity(first + 1, 6), out _));
    }

    [Fact]
    public void AddDerived_WritesAndStructuralChanges_AreRefused()
    {
        var world = new World();
        var member = new Entity(world.AddDerived(1, new Squares([3])), 3);

        Assert.Throws<InvalidOperationException>(() => world.Get<Position>(member));
        Assert.Throws<InvalidOperationException>(() => world.Set(member, new Position()));
        Assert.Throws<InvalidOperationException>(() => world.Add(member, new Velocity()));
        Assert.Throws<InvalidOperationException>(() => world.Destroy(member));
        Assert.Equal(0, world.EntityCount);
    }

    [Fact]
    public void AddDerived_TooManyIds_Throws()
    {
        var world = new World();

        Assert.Throws<ArgumentOutOfRangeException>(() => world.AddDerived(world.IdsLeft + 1, new Squares([])));
    }
}
