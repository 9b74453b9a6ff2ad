using BenchmarkDotNet.Attributes;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Benchmarks.Kernel;

/// <summary>
/// Trace replay on the TLB-hit path (target ≤ 20 ns per reference): every page is already resident and in the
/// 64-entry TLB, so each reference is one MMU translation plus the policy's bookkeeping. Two patterns: a hot
/// loop over 16 pages (a new page every reference — LRU reorders its list each time) and a realistic run
/// where references stay on a page for a while, as instruction fetches do. Must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class TraceReplayBenchmarks
{
    private const int References = 4096;
    private TraceReference[] _cycling = [];
    private TraceReference[] _local = [];
    private TraceReplaySession _session = null!;

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
    }

    [Benchmark(OperationsPerInvoke = References)]
    public void ReplayTlbHitCycling16Pages() => _session.Replay(_cycling);

    [Benchmark(OperationsPerInvoke = References)]
    public void ReplayTlbHitEightPerPage() => _session.Replay(_local);
}
