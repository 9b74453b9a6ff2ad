namespace VmQuest.Engine.Kernel.Replay;

/// <summary>What replaying a trace did; every count is the kernel's or the MMU's own.</summary>
/// <param name="Accesses">Trace accesses (lines) replayed.</param>
/// <param name="References">Page touches (an access crossing a page boundary counts once per page).</param>
/// <param name="Pages">Distinct pages touched.</param>
/// <param name="Faults">Page faults handled.</param>
/// <param name="MinorFaults">Faults resolved without I/O (first touches: demand-zero).</param>
/// <param name="MajorFaults">Faults that read the page back from swap.</param>
/// <param name="Evictions">Pages reclaim evicted.</param>
/// <param name="TlbHits">Translations the TLB supplied.</param>
/// <param name="TlbMisses">Translations that walked the page tables.</param>
/// <param name="PageTablePages">Frames holding page tables at the end.</param>
/// <param name="Cycles">Simulated cycles, from the machine's cost table.</param>
/// <param name="ReplaySeconds">Wall-clock time of the replay loop alone (parsing and setup excluded).</param>
public sealed record TraceReplayResult(
    long Accesses,
    long References,
    long Pages,
    long Faults,
    long MinorFaults,
    long MajorFaults,
    long Evictions,
    long TlbHits,
    long TlbMisses,
    long PageTablePages,
    long Cycles,
    double ReplaySeconds)
{
    /// <summary>Nanoseconds of replay per reference.</summary>
    public double NanosecondsPerReference => References == 0 ? 0 : ReplaySeconds * 1e9 / References;
}
