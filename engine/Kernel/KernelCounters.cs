namespace VmQuest.Engine.Kernel;

/// <summary>Running totals the HUD, the scorer and <c>--json</c> reports read. Only the kernel writes them.</summary>
public sealed class KernelCounters
{
    /// <summary>Memory accesses performed.</summary>
    public long Accesses { get; internal set; }

    /// <summary>Page faults raised by the MMU.</summary>
    public long Faults { get; internal set; }

    /// <summary>Faults resolved without I/O.</summary>
    public long MinorFaults { get; internal set; }

    /// <summary>Faults that read a file or swap.</summary>
    public long MajorFaults { get; internal set; }

    /// <summary>Copy-on-write breaks that copied a page.</summary>
    public long CowCopies { get; internal set; }

    /// <summary>Copy-on-write breaks that reused the page.</summary>
    public long CowReuses { get; internal set; }

    /// <summary>Pages evicted by reclaim.</summary>
    public long Evictions { get; internal set; }

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
}
