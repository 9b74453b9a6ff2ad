using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Reclaim.Linux;

namespace VmQuest.Engine.Kernel;

/// <summary>Running totals the HUD, the scorer and <c>--json</c> reports read. Only the kernel writes them.</summary>
public sealed class KernelCounters
{
    /// <summary>Memory accesses performed.</summary>
    public long Accesses { get; internal set; }

    private readonly long[] _byOutcome = new long[Enum.GetValues<FaultOutcome>().Length];

    /// <summary>Page faults raised by the MMU: every one, the failed ones and those retried after a decision included.</summary>
    public long Faults { get; internal set; }

    /// <summary>
    /// Faults that completed without I/O, summed over all processes as Linux's <c>min_flt</c> counts them
    /// (<c>ru_minflt</c>): demand-zero, page-cache hits, copy-on-write copies and reuses, stack growth, spurious
    /// faults. A failed fault (SIGSEGV, SIGBUS, out of memory) is not counted, nor one still waiting for a decision.
    /// </summary>
    public long MinorFaults { get; internal set; }

    /// <summary>Faults that completed after I/O (read a file or swap): Linux's <c>maj_flt</c> (<c>ru_majflt</c>).</summary>
    public long MajorFaults { get; internal set; }

    /// <summary>How many faults ended in <paramref name="outcome"/>: the finer kinds beside <see cref="MinorFaults"/> and <see cref="MajorFaults"/>.</summary>
    public long FaultsOf(FaultOutcome outcome) => _byOutcome[(int)outcome];

    /// <summary>Faults that failed and killed the process (SIGSEGV, SIGBUS, out of memory): in <see cref="Faults"/>, neither minor nor major.</summary>
    public long FailedFaults
    {
        get
        {
            long failed = 0;
            foreach (var outcome in Enum.GetValues<FaultOutcome>())
            {
                failed += outcome.IsFatal() ? _byOutcome[(int)outcome] : 0;
            }

            return failed;
        }
    }

    internal void Count(FaultOutcome outcome) => _byOutcome[(int)outcome]++;

    /// <summary>Copy-on-write breaks that copied a page.</summary>
    public long CowCopies { get; internal set; }

    /// <summary>Copy-on-write breaks that reused the page.</summary>
    public long CowReuses { get; internal set; }

    /// <summary>Pages evicted by reclaim.</summary>
    public long Evictions { get; internal set; }

    /// <summary>Reclaim's counters as <c>/proc/vmstat</c> names them (the list moves only under the <c>linux</c> policy).</summary>
    public VmStat VmStat { get; } = new();

    /// <summary>Context switches.</summary>
    public long ContextSwitches { get; internal set; }

    /// <summary>Processes killed by SIGSEGV.</summary>
    public long SegmentationFaults { get; internal set; }

    /// <summary>Processes killed by SIGBUS (a touch of a file page wholly past the file's end).</summary>
    public long BusErrors { get; internal set; }

    /// <summary>Processes the OOM killer chose and killed with SIGKILL.</summary>
    public long OomKills { get; internal set; }

    /// <summary>forks and process creations refused (EAGAIN at the process limit, ENOMEM without memory for the tables).</summary>
    public long ForkFailures { get; internal set; }

    /// <summary>Faults that mapped a new transparent huge page (Linux's <c>/proc/vmstat</c> <c>thp_fault_alloc</c>).</summary>
    public long ThpFaultAlloc { get; internal set; }

    /// <summary>Faults in a huge-page range that fell back to a base page for want of 512 aligned free frames (<c>thp_fault_fallback</c>).</summary>
    public long ThpFaultFallback { get; internal set; }

    /// <summary>Huge PMDs split into 512 PTEs (<c>thp_split_pmd</c>).</summary>
    public long ThpSplitPmd { get; internal set; }

    /// <summary>Huge pages split into base pages by reclaim (<c>thp_split_page</c>).</summary>
    public long ThpSplitPage { get; internal set; }

    /// <summary>Times the huge zero page was made (<c>thp_zero_page_alloc</c>; VmQuest keeps it once made).</summary>
    public long ThpZeroPageAlloc { get; internal set; }
}
