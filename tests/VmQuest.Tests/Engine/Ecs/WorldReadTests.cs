using VmQuest.Engine.Ecs;

namespace VmQuest.Tests.Engine.Ecs;

public class WorldReadTests
{
    [Fact]
    public void Read_ThreeComponents_SameAsThreeGets()
    {
        var world = new World();
        world.Create(new Position(9, 9));
        var entity = world.Create(new Position(1, 2), new Velocity(3, 4), new Health(5));

        world.Read(entity, out Health health, out Position position, out Velocity velocity);

        Assert.Equal((world.Get<Position>(entity), world.Get<Velocity>(entity), world.Get<Health>(entity)), (position, velocity, health));
        Assert.Equal((1, 2, 3, 4, 5), (position.X, position.Y, velocity.Dx, velocity.Dy, health.Value));
    }

    [Fact]
    public void Read_MissingComponent_ThrowsComponentMismatch()
    {
        var world = new World();
        var entity = world.Create(new Position(1, 2), new Velocity(3, 4));

        Assert.Throws<ComponentMismatchException>(() => world.Read(entity, out Position _, out Velocity _, out Health _));
    }

    [Fact]
    public void Read_DestroyedEntity_ThrowsStaleEntity()
    {
        var world = new World();
        var entity = world.Create(new Position(1, 2), new Velocity(3, 4), new Health(5));
        world.Destroy(entity);

        Assert.Throws<StaleEntityException>(() => world.Read(entity, out Position _, out Velocity _, out Health _));
    }
}
