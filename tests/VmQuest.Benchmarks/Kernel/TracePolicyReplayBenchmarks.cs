using BenchmarkDotNet.Attributes;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Benchmarks.Kernel;

/// <summary>
/// The cases the replay's speed goal names — no memory pressure, 16 and 64 frames, under FIFO, LRU and OPT — on
/// a program-like trace of 2^20 references (a fixed seed: runs of touches of one page among ~320 pages, as
/// <c>ls</c>'s trace has, with a working set that drifts), replayed whole by the textbook replay
/// (<see cref="TextbookReplay"/>, what <c>vmquest trace</c> runs) and by the kernel (<see cref="TraceReplaySession"/>,
/// <c>--engine kernel</c>). The result is per reference. Compare with the plain C replays of the same kind of trace
/// (../shared/bench).
/// </summary>
[MemoryDiagnoser]
public class TracePolicyReplayBenchmarks
{
    private const int References = 1 << 20;
    private TraceInput _input = null!;
    private TraceReplaySession? _session;
    private TextbookReplay? _textbook;

    [Params("fifo", "lru", "opt")]
    public string Policy { get; set; } = "lru";

    /// <summary>User frames; 0 = no limit (every page stays).</summary>
    [Params(0, 16, 64)]
    public int Frames { get; set; }

    /// <summary>textbook (the default of <c>vmquest trace</c>) or kernel (<c>--engine kernel</c>).</summary>
    [Params("textbook", "kernel")]
    public string Engine { get; set; } = "textbook";

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

    // A replay changes the state it runs on: each iteration starts from a fresh one.
    [IterationSetup]
    public void FreshSession()
    {
        var options = new TraceReplayOptions { Policy = Policy, Frames = Frames == 0 ? null : Frames };
        _session = Engine == "kernel" ? new TraceReplaySession(_input, options) : null;
        _textbook = Engine == "kernel" ? null : new TextbookReplay(_input, options);
    }

    [Benchmark(OperationsPerInvoke = References)]
    public TraceReplayResult Replay() => _session?.Run() ?? _textbook!.Run();
}
