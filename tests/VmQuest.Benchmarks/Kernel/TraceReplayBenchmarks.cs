using BenchmarkDotNet.Attributes;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Benchmarks.Kernel;

/// <summary>
/// Trace replay on the TLB-hit path (target ≤ 20 ns per reference): every page is already resident and in the
/// 64-entry TLB, so each reference is one MMU translation plus the policy's bookkeeping. Two patterns: a hot
/// loop over 16 pages (a new page every reference — LRU reorders its list each time) and a realistic run
/// where references stay on a page for a while, as instruction fetches do. Must allocate nothing. The kernel path
/// (<see cref="TraceReplaySession.Replay"/>) is timed on its own loop; the textbook replay, which runs a trace once,
/// on a whole run of the same pattern repeated to <see cref="TextbookReferences"/> references (its setup untimed).
/// </summary>
[MemoryDiagnoser]
public class TraceReplayBenchmarks
{
    private const int References = 4096;
    private const int TextbookReferences = References * 256;
    private TraceReference[] _cycling = [];
    private TraceReference[] _local = [];
    private TraceReplaySession _session = null!;
    private TraceInput _cyclingInput = null!;
    private TraceInput _localInput = null!;
    private TextbookReplay _textbookCycling = null!;
    private TextbookReplay _textbookLocal = null!;

    [Params("fifo", "lru", "clock")]
    public string Policy { get; set; } = "lru";

    [GlobalSetup]
    public void Setup()
    {
        var basePage = TraceLoader.ReferenceStringBase >> 12;
        _cycling = new TraceReference[References];
        _local = new TraceReference[References];
        for (var i = 0; i < References; i++)
        {
            _cycling[i] = new TraceReference(basePage + (ulong)(i % 16), i % 3 == 0 ? AccessKind.Write : AccessKind.Read);
            _local[i] = new TraceReference(basePage + (ulong)(i / 8 % 16), AccessKind.Read);
        }

        var input = new TraceInput("bench", _cycling, References, [new TraceRegion(basePage, basePage + 15, false)], 16);
        _session = new TraceReplaySession(input, new TraceReplayOptions { Policy = Policy, Frames = 16 });
        _session.Run();
        _cyclingInput = Repeated(_cycling, basePage);
        _localInput = Repeated(_local, basePage);
    }

    // A 17th page touched first and evicted once the 16 come in keeps the 16 frames under pressure, so the
    // policy keeps its order on every reference; then every reference is a TLB hit.
    private static TraceInput Repeated(TraceReference[] pattern, ulong basePage)
    {
        var references = new TraceReference[TextbookReferences];
        references[0] = new TraceReference(basePage + 16, AccessKind.Read);
        for (var i = 1; i < references.Length; i++)
        {
            references[i] = pattern[i % pattern.Length];
        }

        return new TraceInput("bench", references, references.Length, [new TraceRegion(basePage, basePage + 16, false)], 17);
    }

    [IterationSetup(Targets = [nameof(TextbookTlbHitCycling16Pages), nameof(TextbookTlbHitEightPerPage)])]
    public void FreshTextbookReplays()
    {
        var options = new TraceReplayOptions { Policy = Policy, Frames = 16 };
        _textbookCycling = new TextbookReplay(_cyclingInput, options);
        _textbookLocal = new TextbookReplay(_localInput, options);
    }

    [Benchmark(OperationsPerInvoke = References)]
    public void ReplayTlbHitCycling16Pages() => _session.Replay(_cycling);

    [Benchmark(OperationsPerInvoke = References)]
    public void ReplayTlbHitEightPerPage() => _session.Replay(_local);

    [Benchmark(OperationsPerInvoke = TextbookReferences)]
    public TraceReplayResult TextbookTlbHitCycling16Pages() => _textbookCycling.Run();

    [Benchmark(OperationsPerInvoke = TextbookReferences)]
    public TraceReplayResult TextbookTlbHitEightPerPage() => _textbookLocal.Run();
}
