using VmQuest.Engine.Kernel.Reclaim;

namespace VmQuest.Engine.Kernel;

/// <summary>How a kernel is configured; every field has a sensible default.</summary>
public sealed record KernelOptions
{
    /// <summary>The replacement policy reclaim uses: fifo, lru, clock, random, opt (opt needs <see cref="Future"/>) or mru.</summary>
    public string ReplacementPolicy { get; init; } = "lru";

    /// <summary>The most frames user pages may hold at once (page tables are not counted); null = all of memory.</summary>
    public int? DataFrameLimit { get; init; }

    /// <summary>Swap slots (each one page).</summary>
    public int SwapSlots { get; init; } = 1 << 16;

    /// <summary>
    /// Whether a read fault on private anonymous memory maps the shared zero page read-only, as Linux's
    /// <c>do_anonymous_page</c> does (no frame taken; the first write faults again and gets a private page). On by
    /// default; <c>trace</c> turns it off, keeping the textbook model of replacement exercises in which every
    /// referenced page occupies a frame.
    /// </summary>
    public bool ZeroPage { get; init; } = true;

    /// <summary>Seed of the world's random generator (the random policy draws from it).</summary>
    public ulong Seed { get; init; }

    /// <summary>Round-robin time slice, in cycles.</summary>
    public long TimeSlice { get; init; } = 200_000;

    /// <summary>
    /// Whether the kernel publishes per-tick events (faults, evictions, switches) for the city and the level
    /// scripts. Whoever enables them must end the world's tick regularly (the schedule does), or the queues
    /// grow; batch tools that read only the counters (trace, bench) turn them off.
    /// </summary>
    public bool PublishEvents { get; init; } = true;

    /// <summary>Who makes the kernel's decisions (frame, victim, permissions); Linux's answers by default.</summary>
    public Decisions.IKernelDecisions Decisions { get; init; } = Kernel.Decisions.AutomaticDecisions.Instance;

    /// <summary>
    /// The most processes (live and zombie, as Linux counts them against <c>RLIMIT_NPROC</c>) that may exist at
    /// once: at the limit fork and process creation fail with <see cref="Mm.Errno.EAGAIN"/>. The default, 1024
    /// (a common <c>ulimit -u</c>), keeps a fork bomb's cost to a fraction of a second.
    /// </summary>
    public int MaxProcesses { get; init; } = DefaultMaxProcesses;

    /// <summary>The default of <see cref="MaxProcesses"/>.</summary>
    public const int DefaultMaxProcesses = 1024;

    /// <summary>
    /// Linux's <c>fault_around_bytes</c>: a file read fault also maps the pages of this many bytes around it (the
    /// aligned window, clipped to the VMA and the page table) that are already in the page cache. A page or less turns
    /// fault-around off; the default is Linux's 64 KiB.
    /// </summary>
    public ulong FaultAroundBytes { get; init; } = DefaultFaultAroundBytes;

    /// <summary>The default of <see cref="FaultAroundBytes"/>: 65536, as Linux's.</summary>
    public const ulong DefaultFaultAroundBytes = 65536;

    /// <summary>For OPT: when each resident page is next used.</summary>
    public INextUseOracle? Future { get; init; }

    /// <summary>Told about each user reference before it is made (a recorder, or an OPT oracle following a recording); null for none.</summary>
    public IAccessObserver? AccessObserver { get; init; }
}
