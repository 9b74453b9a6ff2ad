using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.City.Simulation;

/// <summary>How <see cref="SandboxScenario"/> builds its machine and processes.</summary>
public sealed record SandboxSettings
{
    /// <summary>Built-in machine name (see <c>BuiltinMachines.Names</c>).</summary>
    public string Machine { get; init; } = "x86-64";

    /// <summary>Physical frames of the machine.</summary>
    public long Frames { get; init; } = 4096;

    /// <summary>Processes asked for (at least 1; the scenario may start fewer on a machine too small for them).</summary>
    public int Processes { get; init; } = 3;

    /// <summary>Seed of every random choice, so two runs with the same settings are identical.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Memory accesses per tick.</summary>
    public int AccessesPerTick { get; init; } = 12;

    /// <summary>Ticks each process runs before the scheduler switches to the next.</summary>
    public int TicksPerSlice { get; init; } = 6;

    /// <summary>
    /// Ticks the programs work (60 s at 1×): forks and exits of children happen in the first two thirds; after
    /// this the programs exit one by one (children first, the first process last) and the run is finished.
    /// </summary>
    public int WorkTicks { get; init; } = 1800;

    /// <summary>
    /// Fraction of memory the processes fill before the first tick (each writes its own buffer), so a big
    /// city is not empty. Capped so setup stays under a few seconds.
    /// </summary>
    public double WarmFill { get; init; } = 0.2;

    /// <summary>
    /// Each process gives its buffer <c>madvise(MADV_HUGEPAGE)</c>, sized to whole 2 MiB pages so Linux 6.18 aligns it:
    /// its writes then fault in transparent huge pages, one block of 512 lots each.
    /// </summary>
    public bool HugePages { get; init; }

    /// <summary>The ELF every process execs.</summary>
    public string Program { get; init; } = "/bin/ls";

    /// <summary>The arguments after <see cref="Program"/> (argv[1…]); the built-in run lists with <c>-l</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = ["-l"];

    /// <summary>TLB entries (0: no TLB); null keeps the machine's own.</summary>
    public int? TlbEntries { get; init; }

    /// <summary>TLB associativity (entries per set); null keeps the machine's own (or fully associative when that does not divide the entries).</summary>
    public int? TlbWays { get; init; }

    /// <summary>Whether TLB entries carry a PCID, so a context switch need not flush them; null keeps the machine's own.</summary>
    public bool? Pcid { get; init; }

    /// <summary>Swap slots, one page each (0: no swap, so memory pressure ends in the OOM killer).</summary>
    public int SwapPages { get; init; } = DefaultSwapPages;

    /// <summary>The default of <see cref="SwapPages"/>: a million pages (4 GiB of 4 KiB pages), more than any sandbox run fills.</summary>
    public const int DefaultSwapPages = 1 << 20;

    /// <summary>Most swap slots <see cref="SwapPages"/> accepts (the kernel keeps 12 bytes per slot up front).</summary>
    public const int MaxSwapPages = 1 << 22;

    /// <summary>Most TLB entries <see cref="TlbEntries"/> accepts.</summary>
    public const int MaxTlbEntries = 65536;

    /// <summary>An address space the processes run instead of exec'ing <see cref="Program"/> (<c>--pid</c>, <c>--maps</c>); null for none.</summary>
    public ImportedLayout? Import { get; init; }

    /// <summary>Workload programs to run, one process each, instead of the built-in programs (<c>--workload</c>); empty for none.</summary>
    public IReadOnlyList<WorkloadProgram> Workloads { get; init; } = [];

    /// <summary>A lackey trace replayed as the accesses of one process, instead of the built-in programs (<c>--trace</c>); null for none.</summary>
    public TraceInput? Trace { get; init; }

    /// <summary>The replacement policy reclaim uses (see <see cref="SandboxMachine.Policies"/>).</summary>
    public string Policy { get; init; } = "lru";
}
