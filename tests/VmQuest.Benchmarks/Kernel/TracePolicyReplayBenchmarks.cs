using BenchmarkDotNet.Attributes;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Benchmarks.Kernel;

/// <summary>
/// The cases the replay's speed goal names — no memory pressure, 16 and 64 frames, under FIFO, LRU and OPT — on
/// a program-like trace of 2^20 references (a fixed seed: runs of touches of one page among ~320 pages, as
/// <c>ls</c>'s trace has, with a working set that drifts), replayed whole by <see cref="TraceReplaySession.Run()"/>.
/// The result is per reference. Compare with the plain C replays of the same kind of trace (../shared/bench).
/// </summary>
[MemoryDiagnoser]
public class TracePolicyReplayBenchmarks
{
    private const int References = 1 << 20;
    private TraceInput _input = null!;
    private TraceReplaySession _session = null!;

    [Params("fifo", "lru", "opt")]
    public string Policy { get; set; } = "lru";

    /// <summary>User frames; 0 = no limit (every page stays).</summary>
    [Params(0, 16, 64)]
    public int Frames { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const int pages = 320;
        var basePage = TraceLoader.ReferenceStringBase >> 12;
        var random = new Random(42);
        var references = new TraceReference[References];
        var page = 0;
        for (var i = 0; i < references.Length; i++)
        {
            // Mostly the same page; else a near one (the working set), now and then anywhere.
            var roll = random.Next(16);
            page = roll switch
            {
                < 12 => page,
                < 15 => (page + random.Next(-6, 7) + pages) % pages,
                _ => random.Next(pages),
            };
            references[i] = new TraceReference(basePage + (ulong)page, random.Next(4) == 0 ? AccessKind.Write : AccessKind.Read);
        }

        _input = new TraceInput("bench", references, References, [new TraceRegion(basePage, basePage + pages - 1, false)], references.Select(r => r.Page).Distinct().Count());
    }

    // A replay changes the kernel it runs on: each iteration starts from a fresh one.
    [IterationSetup]
    public void FreshSession() => _session = new TraceReplaySession(_input, new TraceReplayOptions { Policy = Policy, Frames = Frames == 0 ? null : Frames });

    [Benchmark(OperationsPerInvoke = References)]
    public TraceReplayResult Replay() => _session.Run();
}
