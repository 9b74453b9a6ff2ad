using VmQuest.Engine.Ecs;

namespace VmQuest.Tests.Engine.Ecs;

public class CommandBufferTests
{
    [Fact]
    public void Playback_RecordedInsideQuery_AppliesAfterwardsInOrder()
    {
        var world = new World();
        var a = world.Create(new Health(1));
        var b = world.Create(new Health(0));
        var buffer = new CommandBuffer(world);

        world.Query(new QueryDescription().WithAll<Health>(), (Entity entity, ref Health health) =>
        {
            if (health.Value == 0)
            {
                buffer.Destroy(entity);
            }
            else
            {
                buffer.Add(entity, new Position(7, 7));
                buffer.Set(entity, new Health(2));
            }
        });

        Assert.Equal(3, buffer.Count);
        Assert.True(world.IsAlive(b));
        buffer.Playback();

        Assert.False(world.IsAlive(b));
        Assert.Equal(7, world.Get<Position>(a).X);
        Assert.Equal(2, world.Get<Health>(a).Value);
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void Create_HandleUsableByLaterCommandsButNotAliveUntilPlayback()
    {
        var world = new World();
        var buffer = new CommandBuffer(world);

        var created = buffer.Create();
        buffer.Add(created, new Health(9));
        buffer.Add(created, new Position(1, 1));
        buffer.Remove<Position>(created);

        Assert.False(world.IsAlive(created));
        Assert.Throws<StaleEntityException>(() => world.Get<Health>(created));
        buffer.Playback();

        Assert.True(world.IsAlive(created));
        Assert.Equal(9, world.Get<Health>(created).Value);
        Assert.False(world.Has<Position>(created));
    }

    [Fact]
    public void Playback_OrderIsRecordingOrder_LaterSetWins()
    {
        var world = new World();
        var entity = world.Create(new Health(0));
        var buffer = new CommandBuffer(world);
        buffer.Set(entity, new Health(1));
        buffer.Set(entity, new Health(2));
        buffer.Remove<Health>(entity);
        buffer.Add(entity, new Health(3));

        buffer.Playback();

        Assert.Equal(3, world.Get<Health>(entity).Value);
    }

    [Fact]
    public void Playback_InsideQuery_ThrowsAndAppliesNothing()
    {
        var world = new World();
        var entity = world.Create(new Health(0));
        var buffer = new CommandBuffer(world);
        buffer.Add(entity, new Position(1, 1));

        Assert.Throws<StructuralChangeException>(() =>
            world.Query(new QueryDescription().WithAll<Health>(), (ref Health _) => buffer.Playback()));

        Assert.False(world.Has<Position>(entity));
        Assert.Equal(1, buffer.Count);
    }

    [Fact]
    public void Playback_CommandOnDestroyedEntity_ThrowsKeepsEarlierAndEmptiesBuffer()
    {
        var world = new World();
        var entity = world.Create(new Health(0));
        var buffer = new CommandBuffer(world);
        buffer.Set(entity, new Health(5));
        buffer.Destroy(entity);
        buffer.Add(entity, new Position(1, 1));
        var never = buffer.Create();

        Assert.Throws<StaleEntityException>(buffer.Playback);

        Assert.False(world.IsAlive(entity));
        Assert.False(world.IsAlive(never));
        Assert.Equal(0, buffer.Count);
        Assert.Equal(0, world.EntityCount);
    }

    [Fact]
    public void Clear_ReservedHandles_BecomeStaleAndIdsAreReused()
    {
        var world = new World();
        var buffer = new CommandBuffer(world);
        var reserved = buffer.Create();

        buffer.Clear();
        var next = world.Create();

        Assert.Equal(reserved.Id, next.Id);
        Assert.NotEqual(reserved.Version, next.Version);
        Assert.False(world.IsAlive(reserved));
    }
}
