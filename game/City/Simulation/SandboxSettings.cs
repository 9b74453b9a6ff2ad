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
}
