using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;

namespace VmQuest.Levels.Loading;

/// <summary>Reads <c>metrics</c>, <c>optimum</c> and <c>hidden-tests</c>, and checks them against each other and the player's mechanics.</summary>
internal static class ScoringReader
{
    public static IReadOnlyList<LevelMetric> Metrics(LevelNode node, LevelPlayer player)
    {
        var metrics = new List<LevelMetric>();
        foreach (var item in node.List("metrics", 3, 4))
        {
            var map = item.Map("a metric ({ name: faults, par: 12 })", "name", "par");
            var nameNode = map.Required("name", "the metric's name");
            var kind = (MetricKind)LevelMetric.Names.ToList().IndexOf(nameNode.Choice("a metric", LevelMetric.Names));
            if (metrics.Any(m => m.Kind == kind))
            {
                throw nameNode.Error($"the metric '{LevelMetric.Names[(int)kind]}' is listed twice");
            }

            if (kind == MetricKind.PolicySize && !player.Has(Mechanic.Policy))
            {
                throw nameNode.Error("'policy-size' measures the player's policy: list 'policy' in player.mechanics");
            }

            metrics.Add(new LevelMetric(kind, map.Required("par", "the par (a positive integer; lower is better)").Integer(1, long.MaxValue)));
        }

        return metrics;
    }

    public static IReadOnlyList<LevelOptimum> Optimum(LevelNode node, IReadOnlyList<LevelMetric> metrics, bool hasTrace)
    {
        var optimum = new List<LevelOptimum>();
        foreach (var item in node.List("optimum entries", 1, metrics.Count))
        {
            var map = item.Map("an optimum ({ metric: faults, computed: opt-faults } or { metric: cycles, bound: 40000 })", "metric", "computed", "bound");
            var metricNode = map.Required("metric", "the metric it is the optimum of");
            string name = metricNode.Choice("a metric", LevelMetric.Names);
            var metric = metrics.FirstOrDefault(m => m.Name == name)
                ?? throw metricNode.Error($"expected one of the level's metrics ({string.Join(", ", metrics.Select(m => m.Name))}), found {OneLine.Quote(name)}");
            if (optimum.Any(o => o.Metric == metric.Kind))
            {
                throw metricNode.Error($"the optimum of '{name}' is given twice");
            }

            if (map.ExactlyOne("how the optimum is known", "computed", "bound") == "bound")
            {
                var boundNode = map.Required("bound", "a bound");
                long bound = boundNode.Integer(1, long.MaxValue);
                optimum.Add(bound > metric.Par
                    ? throw boundNode.Error($"the optimum cannot be worse than the par: expected at most {metric.Par}, found {bound}")
                    : new LevelOptimum(metric.Kind, OptimumKind.Bound, bound));
                continue;
            }

            var computedNode = map.Required("computed", "a computed kind");
            var kind = computedNode.Choice("a computed optimum", LevelOptimum.ComputedNames) == "opt-faults" ? OptimumKind.OptFaults : OptimumKind.MinActions;
            var wanted = kind == OptimumKind.OptFaults ? MetricKind.Faults : MetricKind.Actions;
            if (metric.Kind != wanted)
            {
                throw computedNode.Error($"'{LevelOptimum.ComputedNames[(int)kind]}' is the optimum of '{LevelMetric.Names[(int)wanted]}', not of '{name}'");
            }

            if (kind == OptimumKind.OptFaults && !hasTrace)
            {
                throw computedNode.Error("'opt-faults' is Belady's OPT on the level's trace, and the level has no trace");
            }

            optimum.Add(new LevelOptimum(metric.Kind, kind, null));
        }

        return optimum;
    }

    public static LevelHiddenTests HiddenTests(LevelNode node, int? levelFrames)
    {
        var map = node.Map("hidden tests ({ count, generator, frames, baseline })", "count", "generator", "frames", "baseline");
        int count = (int)map.Required("count", "how many hidden tests").Integer(1, LevelHiddenTests.MaxCount);
        var (spec, _) = GeneratorReader.Read(map.Required("generator", "the hidden traces' generator"), seedAllowed: false);
        int? frames = map.Optional("frames") is { } framesNode ? (int)framesNode.Integer(1, 1 << 20) : levelFrames;
        if (frames is null)
        {
            throw new LevelFormatException(node.File, node.Line, node.Column, map.Child("frames"),
                "missing; expected the frames of the hidden runs (the level itself gives no 'frames')");
        }

        string[] baselines = [.. ReplacementPolicies.Names.Where(n => n != "opt")];
        string baseline = map.Required("baseline", "the built-in policy to match or beat").Choice("a baseline policy", baselines);
        return new LevelHiddenTests(count, spec, frames.Value, baseline);
    }
}
