using BenchmarkDotNet.Attributes;
using VmQuest.Engine.Ecs;

namespace VmQuest.Benchmarks.Ecs;

/// <summary>
/// The ECS core's figures from the foundation issue: bulk create, query iteration, component add/remove,
/// and command-buffer playback. Per-entity cost = Mean / OperationsPerInvoke (BenchmarkDotNet divides).
/// </summary>
[MemoryDiagnoser]
public class EcsBenchmarks
{
    private const int Million = 1_000_000;
    private const int HundredThousand = 100_000;

    private static readonly QueryDescription Both = new QueryDescription().WithAll<Value0, Value1>();

    private World _iterateWorld = null!;
    private World _changeWorld = null!;
    private Entity[] _changeEntities = null!;

    /// <summary>Builds the worlds the iteration and add/remove benchmarks reuse.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _iterateWorld = new World();
        for (var i = 0; i < Million; i++)
        {
            _iterateWorld.Create(new Value0 { V = i }, new Value1 { V = 1 });
        }

        _changeWorld = new World();
        _changeEntities = new Entity[HundredThousand];
        for (var i = 0; i < HundredThousand; i++)
        {
            _changeEntities[i] = _changeWorld.Create(new Value0 { V = i }, new Value1 { V = i });
        }
    }

    /// <summary>Creates 1M entities with two components in a fresh world.</summary>
    [Benchmark(OperationsPerInvoke = Million)]
    public int Create1MWithTwoComponents()
    {
        var world = new World();
        world.Reserve(Million);
        for (var i = 0; i < Million; i++)
        {
            world.Create(new Value0 { V = i }, new Value1 { V = i });
        }

        return world.EntityCount;
    }

    /// <summary>Sums two components over 1M entities with the inlined struct callback.</summary>
    [Benchmark(OperationsPerInvoke = Million)]
    public long Iterate1MSumInline()
    {
        var sum = new Sum();
        _iterateWorld.InlineQuery<Sum, Value0, Value1>(Both, ref sum);
        return sum.Total;
    }

    /// <summary>The same sum with explicit chunk spans (what systems write by hand).</summary>
    [Benchmark(OperationsPerInvoke = Million)]
    public long Iterate1MSumChunkSpans()
    {
        long total = 0;
        foreach (var chunk in _iterateWorld.Query(Both))
        {
            var a = chunk.GetSpan<Value0>();
            var b = chunk.GetSpan<Value1>();
            for (var i = 0; i < a.Length; i++)
            {
                total += a[i].V * b[i].V;
            }
        }

        return total;
    }

    /// <summary>Adds then removes one component on each of 100k entities (200k structural changes).</summary>
    [Benchmark(OperationsPerInvoke = 2 * HundredThousand)]
    public void AddRemove100k()
    {
        foreach (var entity in _changeEntities)
        {
            _changeWorld.Add(entity, new Marker { V = 1 });
        }

        foreach (var entity in _changeEntities)
        {
            _changeWorld.Remove<Marker>(entity);
        }
    }

    /// <summary>Records and plays back 100k changes (50k adds, then 50k removes) through a command buffer.</summary>
    [Benchmark(OperationsPerInvoke = HundredThousand)]
    public void CommandBufferPlayback100k()
    {
        var buffer = new CommandBuffer(_changeWorld);
        for (var i = 0; i < HundredThousand / 2; i++)
        {
            buffer.Add(_changeEntities[i], new Marker { V = i });
        }

        for (var i = 0; i < HundredThousand / 2; i++)
        {
            buffer.Remove<Marker>(_changeEntities[i]);
        }

        buffer.Playback();
    }

    private struct Sum : IForEach<Value0, Value1>
    {
        public long Total;

        public void Update(ref Value0 a, ref Value1 b) => Total += a.V * b.V;
    }
}
