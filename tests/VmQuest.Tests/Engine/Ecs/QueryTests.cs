using VmQuest.Engine.Ecs;

namespace VmQuest.Tests.Engine.Ecs;

public class QueryTests
{
    private static readonly QueryDescription Moving = new QueryDescription().WithAll<Position, Velocity>();

    [Fact]
    public void Query_AllAnyNone_MatchesExactlyTheDescribedEntities()
    {
        var world = new World();
        var p = world.Create(new Position(1, 1));
        var pv = world.Create(new Position(2, 2), new Velocity(1, 1));
        var pvf = world.Create(new Position(3, 3), new Velocity(1, 1));
        world.Add<Frozen>(pvf);
        var h = world.Create(new Health(1));

        Assert.Equal([pv, pvf], Entities(world, Moving));
        Assert.Equal([pv], Entities(world, Moving.WithNone<Frozen>()));
        Assert.Equal([p, pv, pvf, h], Entities(world, new QueryDescription().WithAny<Position, Health>()));
        Assert.Equal([h], Entities(world, new QueryDescription().WithAny<Health>().WithNone<Position>()));
        Assert.Equal(4, world.CountEntities(new QueryDescription()));
    }

    [Fact]
    public void Query_Delegate_WritesThroughRefs()
    {
        var world = new World();
        var entity = world.Create(new Position(1, 1), new Velocity(2, 3));

        world.Query(Moving, (ref Position position, ref Velocity velocity) =>
        {
            position.X += velocity.Dx;
            position.Y += velocity.Dy;
        });

        Assert.Equal(new Position(3, 4), world.Get<Position>(entity));
    }

    [Fact]
    public void InlineQuery_StructCallback_VisitsEveryEntityOnce()
    {
        var world = new World();
        for (var i = 0; i < 10_000; i++)
        {
            world.Create(new Position(i, 0), new Velocity(1, 0));
        }

        var sum = new SumX();
        world.InlineQuery<SumX, Position, Velocity>(Moving, ref sum);

        Assert.Equal(10_000L * 9_999 / 2, sum.Total);
        Assert.Equal(10_000, sum.Visited);
    }

    [Fact]
    public void InlineEntityQuery_StructCallback_SeesHandlesMatchingComponents()
    {
        var world = new World();
        var expected = Enumerable.Range(0, 300).Select(i => world.Create(new Health(i))).ToList();
        var collect = new CollectHealth { Seen = [] };
        world.InlineEntityQuery<CollectHealth, Health>(new QueryDescription().WithAll<Health>(), ref collect);

        Assert.Equal(expected.Count, collect.Seen.Count);
        foreach (var (entity, value) in collect.Seen)
        {
            Assert.Equal(expected[value], entity);
        }
    }

    [Fact]
    public void Chunks_SpansCoverEveryEntityInCreationOrder()
    {
        var world = new World();
        for (var i = 0; i < 9000; i++)
        {
            world.Create(new Health(i));
        }

        var next = 0;
        var chunks = 0;
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Health>()))
        {
            chunks++;
            foreach (var health in chunk.GetSpan<Health>())
            {
                Assert.Equal(next++, health.Value);
            }
        }

        Assert.Equal(9000, next);
        Assert.True(chunks > 1, "9000 entities must span several chunks");
    }

    [Fact]
    public void Chunk_GetSpanOfAbsentType_Throws()
    {
        var world = new World();
        world.Create(new Health(1));
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Health>()))
        {
            Assert.False(chunk.Has<Position>());
            Assert.Throws<ComponentMismatchException>(() => chunk.GetSpan<Position>());
        }
    }

    [Fact]
    public void Query_StructuralChangeInside_ThrowsForEveryKind()
    {
        var world = new World();
        var entity = world.Create(new Position(0, 0), new Velocity(0, 0));

        Assert.Throws<StructuralChangeException>(() => world.Query(Moving, (ref Position _, ref Velocity _) => world.Create()));
        Assert.Throws<StructuralChangeException>(() => world.Query(Moving, (ref Position _, ref Velocity _) => world.Destroy(entity)));
        Assert.Throws<StructuralChangeException>(() => world.Query(Moving, (ref Position _, ref Velocity _) => world.Add(entity, new Health(1))));
        Assert.Throws<StructuralChangeException>(() => world.Query(Moving, (ref Position _, ref Velocity _) => world.Remove<Velocity>(entity)));
        Assert.True(world.IsAlive(entity));
        Assert.False(world.Has<Health>(entity));
    }

    [Fact]
    public void Query_AfterAThrowingQuery_StructuralChangesAllowedAgain()
    {
        var world = new World();
        world.Create(new Position(0, 0), new Velocity(0, 0));
        Assert.Throws<InvalidOperationException>(() =>
            world.Query(Moving, (ref Position _, ref Velocity _) => throw new InvalidOperationException("boom")));

        Assert.False(world.IsIterating);
        world.Create();
        Assert.Equal(2, world.EntityCount);
    }

    [Fact]
    public void Query_SetAndGetInside_Allowed()
    {
        var world = new World();
        var other = world.Create(new Health(1));
        world.Create(new Position(0, 0), new Velocity(0, 0));

        world.Query(Moving, (ref Position _, ref Velocity _) => world.Set(other, new Health(world.Get<Health>(other).Value + 1)));

        Assert.Equal(2, world.Get<Health>(other).Value);
    }

    [Fact]
    public void Query_NewArchetypeAfterFirstUse_IsPickedUp()
    {
        var world = new World();
        var query = world.Query(Moving);
        Assert.Equal(0, query.Count);

        world.Create(new Position(0, 0), new Velocity(0, 0), new Health(1));

        Assert.Equal(1, query.Count);
        Assert.Same(query, world.Query(new QueryDescription().WithAll<Velocity, Position>()));
    }

    private static List<Entity> Entities(World world, QueryDescription description)
    {
        var list = new List<Entity>();
        world.GetEntities(description, list);
        list.Sort();
        return list;
    }

    private struct SumX : IForEach<Position, Velocity>
    {
        public long Total;
        public int Visited;

        public void Update(ref Position position, ref Velocity velocity)
        {
            Total += position.X;
            Visited++;
        }
    }

    private struct CollectHealth : IForEachWithEntity<Health>
    {
        public List<(Entity, int)> Seen;

        public readonly void Update(Entity entity, ref Health health) => Seen.Add((entity, health.Value));
    }
}
