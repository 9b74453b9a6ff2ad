namespace VmQuest.Levels.Model;

/// <summary>How an optimum is known.</summary>
public enum OptimumKind
{
    /// <summary>Belady's OPT: the fewest faults possible on the level's trace with its frames (metric <c>faults</c>).</summary>
    OptFaults,

    /// <summary>The fewest actions that finish the level (a walk's clicks; metric <c>actions</c>).</summary>
    MinActions,

    /// <summary>A bound the level's author worked out and states (<see cref="LevelOptimum.Bound"/>).</summary>
    Bound,
}

/// <summary>
/// The best possible value of one metric, shown with the ratio to it. Invariants: the metric is one of the
/// level's; a bound is ≥ 1 and at most that metric's par.
/// </summary>
/// <param name="Metric">Which metric.</param>
/// <param name="Kind">Computed by the game, or a stated bound.</param>
/// <param name="Bound">The value, for <see cref="OptimumKind.Bound"/>; null for computed kinds.</param>
public sealed record LevelOptimum(MetricKind Metric, OptimumKind Kind, long? Bound)
{
    /// <summary>The file names of the computed kinds.</summary>
    public static IReadOnlyList<string> ComputedNames { get; } = ["opt-faults", "min-actions"];
}
