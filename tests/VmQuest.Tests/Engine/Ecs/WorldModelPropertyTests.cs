using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Ecs;

namespace VmQuest.Tests.Engine.Ecs;

/// <summary>
/// Random sequences of World operations must agree, step by step, with a plain dictionary model of the
/// same operations: liveness, component presence and values, failures, and query results.
/// </summary>
public class WorldModelPropertyTests
{
    private enum OpKind
    {
        Create,
        CreateWithHealth,
        Destroy,
        AddHealth,
        AddPosition,
        SetHealth,
        RemoveHealth,
        RemovePosition,
        DeferredAddPosition,
    }

    private sealed record Op(OpKind Kind, int Target, int Value);

    private static readonly QueryDescription WithHealth = new QueryDescription().WithAll<Health>();
    private static readonly QueryDescription WithBoth = new QueryDescription().WithAll<Health, Position>();
    private static readonly QueryDescription WithEither = new QueryDescription().WithAny<Health, Position>();
    private static readonly QueryDescription PositionOnly = new QueryDescription().WithAll<Position>().WithNone<Health>();

    [Fact]
    public void RandomOperations_AgreeWithDictionaryModel()
    {
        var op = from kind in Gen.Elements(Enum.GetValues<OpKind>())
                 from target in Gen.Choose(0, 40)
                 from value in Gen.Choose(-1000, 1000)
                 select new Op(kind, target, value);
        var program = Gen.ListOf(op).Select(ops => ops.ToArray());

        Prop.ForAll(program.ToArbitrary(), ops => RunAgainstModel(ops))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(400));
    }

    private static bool RunAgainstModel(Op[] ops)
    {
        var world = new World();
        var handles = new List<Entity>();
        var model = new Dictionary<Entity, (int? Health, int? Position)>();

        foreach (var op in ops)
        {
            Apply(world, handles, model, op);
            AssertAgrees(world, handles, model);
        }

        return true;
    }

    private static void Apply(World world, List<Entity> handles, Dictionary<Entity, (int? Health, int? Position)> model, Op op)
    {
        if (op.Kind is OpKind.Create or OpKind.CreateWithHealth)
        {
            var created = op.Kind == OpKind.Create ? world.Create() : world.Create(new Health(op.Value));
            handles.Add(created);
            model[created] = (op.Kind == OpKind.Create ? null : op.Value, null);
            return;
        }

        if (handles.Count == 0)
        {
            return;
        }

        var entity = handles[op.Target % handles.Count];
        var alive = model.TryGetValue(entity, out var state);
        Exception? error = null;
        try
        {
            switch (op.Kind)
            {
                case OpKind.Destroy:
                    world.Destroy(entity);
                    break;
                case OpKind.AddHealth:
                    world.Add(entity, new Health(op.Value));
                    break;
                case OpKind.AddPosition:
                    world.Add(entity, new Position(op.Value, 0));
                    break;
                case OpKind.SetHealth:
                    world.Set(entity, new Health(op.Value));
                    break;
                case OpKind.RemoveHealth:
                    world.Remove<Health>(entity);
                    break;
                case OpKind.RemovePosition:
                    world.Remove<Position>(entity);
                    break;
                case OpKind.DeferredAddPosition:
                    var buffer = new CommandBuffer(world);
                    buffer.Add(entity, new Position(op.Value, 1));
                    buffer.Playback();
                    break;
            }
        }
        catch (StaleEntityException e)
        {
            error = e;
        }
        catch (ComponentMismatchException e)
        {
            error = e;
        }

        var expectedError = ExpectedError(op.Kind, alive, state);
        Assert.Equal(expectedError, error?.GetType());
        if (expectedError is not null)
        {
            return;
        }

        model.Remove(entity);
        switch (op.Kind)
        {
            case OpKind.AddHealth or OpKind.SetHealth:
                model[entity] = state with { Health = op.Value };
                break;
            case OpKind.AddPosition or OpKind.DeferredAddPosition:
                model[entity] = state with { Position = op.Value };
                break;
            case OpKind.RemoveHealth:
                model[entity] = state with { Health = null };
                break;
            case OpKind.RemovePosition:
                model[entity] = state with { Position = null };
                break;
        }
    }

    private static Type? ExpectedError(OpKind kind, bool alive, (int? Health, int? Position) state)
    {
        if (!alive)
        {
            return typeof(StaleEntityException);
        }

        var mismatch = kind switch
        {
            OpKind.AddHealth => state.Health is not null,
            OpKind.AddPosition or OpKind.DeferredAddPosition => state.Position is not null,
            OpKind.SetHealth or OpKind.RemoveHealth => state.Health is null,
            OpKind.RemovePosition => state.Position is null,
            _ => false,
        };
        return mismatch ? typeof(ComponentMismatchException) : null;
    }

    private static void AssertAgrees(World world, List<Entity> handles, Dictionary<Entity, (int? Health, int? Position)> model)
    {
        Assert.Equal(model.Count, world.EntityCount);
        foreach (var handle in handles)
        {
            Assert.Equal(model.ContainsKey(handle), world.IsAlive(handle));
        }

        foreach (var (entity, (health, position)) in model)
        {
            Assert.Equal(health, world.TryGet<Health>(entity, out var h) ? h.Value : null);
            Assert.Equal(position, world.TryGet<Position>(entity, out var p) ? p.X : null);
        }

        Assert.Equal(model.Count(m => m.Value.Health is not null), world.CountEntities(WithHealth));
        Assert.Equal(model.Count(m => m.Value is { Health: not null, Position: not null }), world.CountEntities(WithBoth));
        Assert.Equal(model.Count(m => m.Value.Health is not null || m.Value.Position is not null), world.CountEntities(WithEither));
        Assert.Equal(model.Count(m => m.Value is { Health: null, Position: not null }), world.CountEntities(PositionOnly));

        var seen = new Dictionary<Entity, int>();
        world.Query(WithHealth, (Entity entity, ref Health health) => seen.Add(entity, health.Value));
        Assert.Equal(
            model.Where(m => m.Value.Health is not null).ToDictionary(m => m.Key, m => m.Value.Health!.Value),
            seen);
    }
}
