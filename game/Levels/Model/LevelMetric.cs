namespace VmQuest.Levels.Model;

/// <summary>What a level can measure; lower is better for every one.</summary>
public enum MetricKind
{
    /// <summary>Simulated cycles (in-game time).</summary>
    Cycles,

    /// <summary>Page faults of every kind.</summary>
    Faults,

    /// <summary>Faults that read from a file or swap.</summary>
    MajorFaults,

    /// <summary>Most frames held by user pages at once.</summary>
    PeakFrames,

    /// <summary>TLB misses.</summary>
    TlbMisses,

    /// <summary>Wrong moves the kernel refused.</summary>
    Mistakes,

    /// <summary>Player actions.</summary>
    Actions,

    /// <summary>Size of the player's replacement policy (rules and terms).</summary>
    PolicySize,
}

/// <summary>A metric of a level with its par. Invariant: <see cref="Par"/> ≥ 1.</summary>
/// <param name="Kind">What is measured.</param>
/// <param name="Par">The target; a result at or below it meets par.</param>
public sealed record LevelMetric(MetricKind Kind, long Par)
{
    /// <summary>The file names of <see cref="MetricKind"/>, in its order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["cycles", "faults", "major-faults", "peak-frames", "tlb-misses", "mistakes", "actions", "policy-size"];

    /// <summary>This metric's file name.</summary>
    public string Name => Names[(int)Kind];
}
