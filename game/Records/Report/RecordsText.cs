using System.Globalization;

namespace VmQuest.Records.Report;

/// <summary>The terminal form of <c>vmquest records</c>: per level the Pareto frontier as a table and the bests; per campaign the personal best's splits beside the golds, and the sum of best.</summary>
internal static class RecordsText
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, RecordsReport report)
    {
        output.WriteLine($"Records in {report.DatabasePath}");
        foreach (var level in report.Levels)
        {
            output.WriteLine();
            WriteLevel(output, level);
        }

        foreach (var campaign in report.Campaigns)
        {
            output.WriteLine();
            WriteCampaign(output, campaign);
        }
    }

    private static void WriteLevel(TextWriter output, LevelReport level)
    {
        var l = level.Level;
        var other = level.OtherVersionAttempts > 0 ? string.Create(C, $" ({level.OtherVersionAttempts:N0} more on other versions, not compared)") : "";
        output.WriteLine(string.Create(C, $"Level {l.Id} (version {l.Version}, hash {Short(l.Hash)}): {Count(l.Attempts, "attempt")}, {level.Wins:N0} won{other}"));
        output.WriteLine(string.Create(C, $"  Pareto frontier of personal bests ({Count(level.Frontier.Count, "result")}):"));
        var columns = level.MetricNames.Select(n => (n, true))
            .Concat([("real time", true), ("load-removed", true), ("verified", false), ("finished (UTC)", false), ("attempt", true)]).ToArray();
        var table = new TextTable(columns);
        foreach (var stored in level.Frontier)
        {
            var a = stored.Attempt;
            table.Add(level.MetricNames.Select(n => a.Metric(n) is { } v ? Number(v) : "-")
                .Concat([a.Timed ? Duration(a.Times.RealMs) : "-", a.Timed ? Duration(a.Times.LoadRemovedMs) : "-", a.Verified ? "yes" : "no",
                    a.FinishedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", C), "#" + stored.Id.ToString(C)]).ToArray());
        }

        table.WriteTo(output, "    ");
        if (level.Wins == 0)
        {
            output.WriteLine("  No win yet: personal bests come from won attempts.");
            return;
        }

        output.WriteLine("  Personal bests: " + string.Join(", ", level.PersonalBests.Select(b => $"{b.Name} {Number(b.Value)}")));
        output.WriteLine(level.BestTimes is { } t
            ? $"  Best times: real {Duration(t.RealMs)}, load-removed {Duration(t.LoadRemovedMs)}, {Number(t.Cycles)} cycles"
            : "  Best times: none yet (a result re-simulated by verify --record has no wall-clock time)");
    }

    private static void WriteCampaign(TextWriter output, CampaignReport report)
    {
        var c = report.Campaign;
        output.WriteLine(string.Create(C, $"Campaign {c.Name}: {Count(c.Runs, "run")}, {c.FinishedRuns:N0} finished"));
        if (report.PersonalBest is not { } best)
        {
            output.WriteLine("  No finished run yet; golds so far:");
            var goldsOnly = new TextTable(("#", true), ("segment", false), ("level", false), ("gold real", true), ("gold load-removed", true), ("gold cycles", true));
            foreach (var g in report.Golds)
            {
                goldsOnly.Add((g.Index + 1).ToString(C), g.Name, g.LevelId, Duration(g.Best.RealMs), Duration(g.Best.LoadRemovedMs), Number(g.Best.Cycles));
            }

            goldsOnly.WriteTo(output, "    ");
            return;
        }

        var total = best.Total;
        output.WriteLine(string.Create(C,
            $"  Personal best (real time): run #{best.Id}, {best.StartedUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC: real {Duration(total.RealMs)}, load-removed {Duration(total.LoadRemovedMs)}, {Number(total.Cycles)} cycles"));
        var golds = report.Golds.ToDictionary(g => (g.Index, g.LevelId));
        var table = new TextTable(("#", true), ("segment", false), ("level", false), ("split", true), ("segment", true), ("gold", true),
            ("split (load-removed)", true), ("gold (load-removed)", true), ("cycles", true), ("gold cycles", true));
        foreach (var s in best.Splits)
        {
            var gold = golds[(s.Index, s.LevelId)].Best;
            table.Add((s.Index + 1).ToString(C), s.Name, s.LevelId, Duration(s.Cumulative.RealMs), Duration(s.Segment.RealMs), Duration(gold.RealMs),
                Duration(s.Cumulative.LoadRemovedMs), Duration(gold.LoadRemovedMs), Number(s.Segment.Cycles), Number(gold.Cycles));
        }

        table.WriteTo(output, "    ");
        if (report.SumOfBest is { } sum)
        {
            output.WriteLine($"  Sum of best: real {Duration(sum.RealMs)}, load-removed {Duration(sum.LoadRemovedMs)}, {Number(sum.Cycles)} cycles");
        }
    }

    /// <summary>Milliseconds as speedrun timers show them: <c>m:ss.fff</c>, or <c>h:mm:ss.fff</c> from an hour on.</summary>
    public static string Duration(long milliseconds)
    {
        var t = TimeSpan.FromMilliseconds(milliseconds);
        return t.TotalHours >= 1
            ? string.Create(C, $"{(long)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds:000}")
            : string.Create(C, $"{t.Minutes}:{t.Seconds:00}.{t.Milliseconds:000}");
    }

    private static string Number(long value) => value.ToString("N0", C);

    private static string Count(long n, string noun) => string.Create(C, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
