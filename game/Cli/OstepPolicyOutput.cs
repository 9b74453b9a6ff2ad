using System.Globalization;
using System.Text;
using System.Text.Json;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Machine.Ostep;

namespace VmQuest.Cli;

/// <summary>
/// Answers a <c>paging-policy.py</c> problem with <see cref="OstepPolicySimulator"/> and prints it the way the
/// homework's <c>-c</c> would (RAND and CLOCK from the problem's seed) (hit or miss, memory left to right, the page replaced, running totals), or as JSON.
/// </summary>
internal static class OstepPolicyOutput
{
    public static void Answer(TextWriter output, OstepPolicyProblem problem, bool json)
    {
        var steps = OstepPolicySolver.Solve(problem);
        if (json)
        {
            WriteJson(output, problem, steps);
        }
        else
        {
            WriteText(output, problem, steps);
        }
    }

    private static void WriteText(TextWriter output, OstepPolicyProblem problem, IReadOnlyList<OstepPolicyStep> steps)
    {
        var c = CultureInfo.InvariantCulture;
        var (left, right) = problem.Policy switch
        {
            "FIFO" => ("FirstIn", "Lastin "),
            "LRU" or "MRU" => ("LRU", "MRU"),
            _ => ("Left ", "Right"),
        };
        var width = Math.Max(12, steps.Max(s => Memory(s).Length));
        output.WriteLine(string.Create(c, $"Policy {problem.Policy}, cache of {problem.CacheSize} pages, {steps.Count} references"));
        output.WriteLine();
        int hits = 0, misses = 0;
        foreach (var s in steps)
        {
            hits += s.Hit ? 1 : 0;
            misses += s.Hit ? 0 : 1;
            var victim = s.Victim is { } v ? v.ToString(c) : "-";
            output.WriteLine(string.Create(c, $"Access: {s.Page}  {(s.Hit ? "HIT " : "MISS")} {left} -> {Memory(s).PadLeft(width)} <- {right} Replaced:{victim} [Hits:{hits} Misses:{misses}]"));
        }

        output.WriteLine();
        var rate = steps.Count == 0 ? 0 : 100.0 * hits / steps.Count;
        output.WriteLine(string.Create(c, $"FINALSTATS hits {hits}   misses {misses}   hitrate {rate:F2}"));
    }

    private static string Memory(OstepPolicyStep step) => "[" + string.Join(", ", step.Memory.Select(p => p.ToString(CultureInfo.InvariantCulture))) + "]";

    private static void WriteJson(TextWriter output, OstepPolicyProblem problem, IReadOnlyList<OstepPolicyStep> steps)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("kind", "policy");
            json.WriteString("policy", problem.Policy);
            json.WriteNumber("cacheSize", problem.CacheSize);
            json.WriteStartArray("steps");
            foreach (var s in steps)
            {
                json.WriteStartObject();
                json.WriteNumber("page", s.Page);
                json.WriteBoolean("hit", s.Hit);
                if (s.Victim is { } victim)
                {
                    json.WriteNumber("victim", victim);
                }
                else
                {
                    json.WriteNull("victim");
                }

                json.WriteStartArray("memory");
                foreach (var page in s.Memory)
                {
                    json.WriteNumberValue(page);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("hits", steps.Count(s => s.Hit));
            json.WriteNumber("misses", steps.Count(s => !s.Hit));
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
