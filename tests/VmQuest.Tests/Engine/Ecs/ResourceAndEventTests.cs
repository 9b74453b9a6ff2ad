using VmQuest.Engine.Ecs;

namespace VmQuest.Tests.Engine.Ecs;

public class ResourceAndEventTests
{
    private readonly record struct FaultRaised(int Pid, long Va);

    [Fact]
    public void GetResource_AfterSet_ReturnsWritableReference()
    {
        var world = new World();
        world.SetResource(new Health(3));

        world.GetResource<Health>().Value++;

        Assert.Equal(4, world.GetResource<Health>().Value);
        Assert.True(world.HasResource<Health>());
    }

    [Fact]
    public void GetResource_NeverSet_ThrowsNamingTheType()
    {
        var world = new World();
        var error = Assert.Throws<MissingResourceException>(() => world.GetResource<Position>());
        Assert.Contains("Position", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveResource_ThenHas_False()
    {
        var world = new World();
        world.SetResource("seed");
        Assert.True(world.RemoveResource<string>());
        Assert.False(world.HasResource<string>());
        Assert.False(world.RemoveResource<string>());
    }

    [Fact]
    public void Events_SentThisTick_ReadInOrderByManyReadersThenClearedAtEndTick()
    {
        var world = new World();
        var queue = world.Events<FaultRaised>();
        queue.Send(new FaultRaised(1, 0x1000));
        queue.Send(new FaultRaised(2, 0x2000));

        Assert.Equal([new FaultRaised(1, 0x1000), new FaultRaised(2, 0x2000)], world.Events<FaultRaised>().Read().ToArray());
        Assert.Equal(2, world.Events<FaultRaised>().Read().Length);

        world.EndTick();

        Assert.Equal(0, world.Events<FaultRaised>().Count);
        Assert.Equal(1, world.Tick);
    }

    [Fact]
    public void Events_ManySends_GrowsWithoutLosingAny()
    {
        var world = new World();
        for (var i = 0; i < 1000; i++)
        {
            world.Events<FaultRaised>().Send(new FaultRaised(i, i));
        }

        var read = world.Events<FaultRaised>().Read();
        Assert.Equal(1000, read.Length);
        Assert.Equal(999, read[999].Pid);
    }
}
