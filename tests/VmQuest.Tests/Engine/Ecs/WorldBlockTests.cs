using VmQuest.Engine.Ecs;

namespace VmQuest.Tests.Engine.Ecs;

public class WorldBlockTests
{
    [Fact]
    public void CreateBlock_Members_RoundTripBetweenIndexAndHandle()
    {
        var world = new World();
        var block = world.CreateBlock<Position, Health>(1000);

        for (var i = 0; i < block.Count; i++)
        {
            var member = block.EntityAt(i);
            Assert.True(world.IsAlive(member));
            Assert.Equal(i, block.IndexOf(member));
        }

        Assert.Equal(1000, world.EntityCount);
        Assert.Equal(-1, block.IndexOf(world.Create(new Health(1))));
        Assert.Throws<ArgumentOutOfRangeException>(() => block.EntityAt(1000));
    }

    [Fact]
    public void CreateBlock_Chunks_HavePowerOfTwoCapacityAndColumnsReachEachMemberByShiftAndMask()
    {
        var world = new World();
        var block = world.CreateBlock<Position, Health>(40_000);
        for (var i = 0; i < block.Count; i++)
        {
            world.Set(block.EntityAt(i), new Health(i * 3));
        }

        var health = block.ColumnsOf<Health>();

        Assert.Equal(block.Archetype.ChunkCapacity, 1 << block.ChunkShift);
        Assert.Equal(block.Archetype.ChunkCapacity - 1, block.RowMask);
        Assert.True(block.Archetype.ChunkCapacity < block.Count, "the test wants more than one chunk");
        for (var i = 0; i < block.Count; i++)
        {
            Assert.Equal(i * 3, health[i >> block.ChunkShift][i & block.RowMask].Value);
        }

        Assert.Throws<ComponentMismatchException>(() => block.ColumnsOf<Velocity>());
    }

    [Fact]
    public void Query_OverBlockAndOrdinaryEntities_VisitsEveryMemberInOrderInAnArchetypeOfItsOwn()
    {
        var world = new World();
        var before = world.Create(new Position(1, 1), new Health(-1));
        var block = world.CreateBlock<Position, Health>(300);
        var after = world.Create(new Position(2, 2), new Health(-2));
        var all = new List<Entity>();

        world.GetEntities(new QueryDescription().WithAll<Health>(), all);

        // Archetypes in creation order: the ordinary one (made first, and joined by `after`), then the block's own.
        Assert.Equal(302, all.Count);
        Assert.Equal([before, after], all.Take(2));
        Assert.Equal(Enumerable.Range(0, 300).Select(block.EntityAt), all.Skip(2));
        Assert.Equal(2, world.Archetypes.Count(a => a.Signature.Equals(block.Archetype.Signature)));
    }

    [Fact]
    public void CountEntities_WithComponentValueInBlock_AgreesWithDirectReads()
    {
        var world = new World();
        var block = world.CreateBlock<Position, Health>(777);
        for (var i = 0; i < block.Count; i += 7)
        {
            world.Get<Health>(block.EntityAt(i)).Value = 1;
        }

        var counted = 0;
        world.Query(new QueryDescription().WithAll<Health>(), (ref Health h) => counted += h.Value);

        Assert.Equal(111, counted);
    }

    [Fact]
    public void StructuralChange_OnBlockMember_Throws()
    {
        var world = new World();
        var member = world.CreateBlock<Position, Health>(4).EntityAt(2);

        Assert.Throws<InvalidOperationException>(() => world.Destroy(member));
        Assert.Throws<InvalidOperationException>(() => world.Add(member, new Velocity(1, 1)));
        Assert.Throws<InvalidOperationException>(() => world.Remove<Health>(member));
        Assert.True(world.IsAlive(member));
        Assert.True(world.Has<Health>(member));
        Assert.False(world.Has<Velocity>(member));
    }

    [Fact]
    public void IsAlive_HandleWithOtherVersionOrPastTheBlock_IsStale()
    {
        var world = new World();
        var block = world.CreateBlock<Position, Health>(4);
        var wrongVersion = new Entity(block.FirstId, 2);
        var pastTheEnd = new Entity(block.FirstId + 4, 1);

        Assert.False(world.IsAlive(wrongVersion));
        Assert.False(world.IsAlive(pastTheEnd));
        Assert.Throws<StaleEntityException>(() => world.Get<Health>(pastTheEnd));
        Assert.Throws<StaleEntityException>(() => world.Destroy(wrongVersion));
    }

    [Fact]
    public void CreateBlock_WhileQueryIterates_Throws()
    {
        var world = new World();
        world.Create(new Health(1));

        Assert.Throws<StructuralChangeException>(() =>
            world.Query(new QueryDescription().WithAll<Health>(), (ref Health _) => world.CreateBlock<Position, Health>(1)));
    }

    [Fact]
    public void CreateBlock_TwoBlocks_TakeDisjointIdsAndOrdinaryEntitiesStillWork()
    {
        var world = new World();
        var first = world.CreateBlock<Position, Health>(10);
        var second = world.CreateBlock<Position, Velocity>(10);
        var ordinary = world.Create(new Health(9));

        world.Set(second.EntityAt(3), new Velocity(4, 5));

        Assert.Equal(first.FirstId + 10, second.FirstId);
        Assert.Equal(-1, first.IndexOf(second.EntityAt(0)));
        Assert.Equal(4, world.Get<Velocity>(second.EntityAt(3)).Dx);
        Assert.False(world.Has<Velocity>(first.EntityAt(3)));
        Assert.Equal(9, world.Get<Health>(ordinary).Value);
        Assert.Equal(21, world.EntityCount);
        world.Destroy(ordinary);
        Assert.Equal(20, world.EntityCount);
    }

    [Fact]
    public void CreateBlock_SameTypeTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() => new World().CreateBlock<Health, Health>(1));
    }
}
