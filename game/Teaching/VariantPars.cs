using VmQuest.Levels.Model;
using VmQuest.Progress;
using VmQuest.Replays;

namespace VmQuest.Teaching;

/// <summary>
/// The pars of a student's variant (docs/teaching.md, "Pars"). A metric with a computed optimum (Belady's OPT for
/// <c>faults</c>, the fewest actions of a walk) keeps the original's ratio of par to optimum:
/// <c>par' = ⌈par × optimum' / optimum⌉</c>. Any other metric keeps the original's ratio of par to its reference
/// solution: <c>par' = ⌈par × reference' / reference⌉</c>. When the original's reference met a par and the
/// variant's would miss the rounded one, the par is raised to the variant's reference, so every key solution meets
/// its pars exactly when the original's did. A variant whose content is the original's keeps the original's pars.
/// </summary>
public static class VariantPars
{
    /// <summary>The par of each of <paramref name="variant"/>'s metrics, by name, in the level's order.</summary>
    /// <param name="original">The level the variant was made from.</param>
    /// <param name="originalReference">The metrics of the original's reference run.</param>
    /// <param name="variant">The variant (loaded; its pars are still the original's).</param>
    /// <param name="variantReference">The metrics of the variant's reference run.</param>
    public static IReadOnlyList<(string Name, long Par)> Of(Level original, IReadOnlyList<ClaimedMetric> originalReference,
        Level variant, IReadOnlyList<ClaimedMetric> variantReference)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(variant);
        var pars = new List<(string, long)>();
        foreach (var metric in original.Metrics)
        {
            long reference = ValueOf(originalReference, metric.Name);
            long variantValue = ValueOf(variantReference, metric.Name);
            long par = ComputedOptimum(original, metric.Kind) is { } optimum && ComputedOptimum(variant, metric.Kind) is { } variantOptimum
                ? Scale(metric.Par, variantOptimum, optimum)
                : Scale(metric.Par, variantValue, reference);
            if (reference <= metric.Par && variantValue > par)
            {
                par = variantValue;
            }

            pars.Add((metric.Name, Math.Max(1, par)));
        }

        return pars;
    }

    /// <summary>⌈value × numerator / denominator⌉ without overflow for metric-sized numbers; the value itself when the denominator is 0.</summary>
    public static long Scale(long value, long numerator, long denominator)
    {
        if (denominator <= 0 || numerator == denominator)
        {
            return value;
        }

        var product = (System.Numerics.BigInteger)value * numerator;
        var scaled = System.Numerics.BigInteger.DivRem(product, denominator, out var remainder);
        if (remainder > 0)
        {
            scaled += 1;
        }

        return scaled > long.MaxValue ? long.MaxValue : (long)scaled;
    }

    /// <summary>The metric's computed optimum (not a stated bound), or null.</summary>
    public static long? ComputedOptimum(Level level, MetricKind kind)
    {
        ArgumentNullException.ThrowIfNull(level);
        return level.Optimum.Any(o => o.Metric == kind && o.Kind != OptimumKind.Bound) ? LevelOptima.Of(level, kind) : null;
    }

    private static long ValueOf(IReadOnlyList<ClaimedMetric> metrics, string name) =>
        metrics.FirstOrDefault(m => m.Name == name) is { Name: not null } found ? found.Value : 0;
}
