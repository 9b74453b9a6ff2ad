using System.Collections.Concurrent;
using VmQuest.Levels.Model;
using VmQuest.Play;

namespace VmQuest.Progress;

/// <summary>
/// The optimum of a level's metric for the results screen and <c>vmquest verify</c>: a stated bound is read from
/// the level; a computed optimum (<c>opt-faults</c>, <c>min-actions</c>) is worked out by the mechanic that knows
/// how, registered below (one line per mechanic). Results are cached per level hash and metric: the computation
/// is deterministic and a level with the same hash has the same optimum.
/// </summary>
public static class LevelOptima
{
    /// <summary>
    /// Computes a computed optimum of a level of the mechanic, or null when the mechanic cannot compute that kind.
    /// Only called for <see cref="LevelOptimum.Kind"/> other than <see cref="OptimumKind.Bound"/>.
    /// </summary>
    public delegate long? Computer(Level level, LevelOptimum optimum);

    // The registry: one line per mechanic that has a computed optimum.
    private static readonly Dictionary<Mechanic, Computer> Computers = new()
    {
        [Mechanic.Victim] = (level, optimum) => optimum.Kind == OptimumKind.OptFaults ? VictimOptimum.OptFaults(level) : null,
    };

    private static readonly ConcurrentDictionary<(string Hash, MetricKind Metric), long?> Cache = new();

    /// <summary>Whether the level's first mechanic (the one its session plays) has a registered computer.</summary>
    public static bool CanCompute(Mechanic mechanic) => Computers.ContainsKey(mechanic);

    /// <summary>
    /// The optimum of <paramref name="kind"/> on <paramref name="level"/>: its stated bound, the value its mechanic
    /// computes, or null when the level states none for that metric (or its mechanic cannot compute it yet).
    /// </summary>
    public static long? Of(Level level, MetricKind kind)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (level.Optimum.FirstOrDefault(o => o.Metric == kind) is not { } optimum)
        {
            return null;
        }

        if (optimum.Kind == OptimumKind.Bound)
        {
            return optimum.Bound;
        }

        return Cache.GetOrAdd((level.Hash, kind), _ =>
            level.Player.Mechanics.Count > 0 && Computers.TryGetValue(level.Player.Mechanics[0], out var compute) ? compute(level, optimum) : null);
    }
}
