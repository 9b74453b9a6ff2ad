using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VmQuest.Records.Report;

/// <summary>
/// The <c>--json</c> form of <c>vmquest records</c> (its shape is in the command's help and docs/records.md):
/// <c>{"database", "levels": [...], "campaigns": [...]}</c>; times in milliseconds, instants as ISO 8601 UTC.
/// </summary>
internal static class RecordsJson
{
    /// <summary>The shape, for <c>--help</c>.</summary>
    public const string Shape =
        "{database, levels: [{id, version, hash, attempts, wins, otherVersionAttempts, metrics: [name…], personalBests: {name: value}, "
        + "bestTimes: null|{cycles, realMs, loadRemovedMs}, frontier: [{attempt, finishedUtc, seed, rulesVersion, verified, timed, hasReplay, metrics: {name: value}, cycles, realMs: null|ms, loadRemovedMs: null|ms}]}], "
        + "campaigns: [{name, runs, finishedRuns, personalBest: null|{run, startedUtc, endedUtc, cycles, realMs, loadRemovedMs, splits: [{index, name, level, cycles, realMs, loadRemovedMs, "
        + "cumulativeCycles, cumulativeRealMs, cumulativeLoadRemovedMs}]}, golds: [{index, name, level, cycles, realMs, loadRemovedMs}], sumOfBest: null|{cycles, realMs, loadRemovedMs}}]}";

    public static void Write(TextWriter output, RecordsReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("database", report.DatabasePath);
            json.WriteStartArray("levels");
            foreach (var level in report.Levels)
            {
                WriteLevel(json, level);
            }

            json.WriteEndArray();
            json.WriteStartArray("campaigns");
            foreach (var campaign in report.Campaigns)
            {
                WriteCampaign(json, campaign);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteLevel(Utf8JsonWriter json, LevelReport level)
    {
        json.WriteStartObject();
        json.WriteString("id", level.Level.Id);
        json.WriteNumber("version", level.Level.Version);
        json.WriteString("hash", level.Level.Hash);
        json.WriteNumber("attempts", level.Level.Attempts);
        json.WriteNumber("wins", level.Wins);
        json.WriteNumber("otherVersionAttempts", level.OtherVersionAttempts);
        json.WriteStartArray("metrics");
        foreach (var name in level.MetricNames)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteStartObject("personalBests");
        foreach (var best in level.PersonalBests)
        {
            json.WriteNumber(best.Name, best.Value);
        }

        json.WriteEndObject();
        json.WritePropertyName("bestTimes");
        if (level.BestTimes is { } bestTimes)
        {
            WriteTimes(json, bestTimes, "");
        }
        else
        {
            json.WriteNullValue();
        }
        json.WriteStartArray("frontier");
        foreach (var stored in level.Frontier)
        {
            var a = stored.Attempt;
            json.WriteStartObject();
            json.WriteNumber("attempt", stored.Id);
            json.WriteString("finishedUtc", Instant(a.FinishedUtc));
            json.WriteString("seed", a.Seed.ToString(CultureInfo.InvariantCulture));
            json.WriteNumber("rulesVersion", a.RulesVersion);
            json.WriteBoolean("verified", a.Verified);
            json.WriteBoolean("timed", a.Timed);
            json.WriteBoolean("hasReplay", stored.HasReplay);
            json.WriteStartObject("metrics");
            foreach (var metric in a.Metrics)
            {
                json.WriteNumber(metric.Name, metric.Value);
            }

            json.WriteEndObject();
            if (a.Timed)
            {
                WriteFigures(json, a.Times, "");
            }
            else
            {
                // Re-simulated from a replay: no wall clock ran, so the times are unknown (null), not 0.
                json.WriteNumber("cycles", a.Times.Cycles);
                json.WriteNull("realMs");
                json.WriteNull("loadRemovedMs");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCampaign(Utf8JsonWriter json, CampaignReport report)
    {
        json.WriteStartObject();
        json.WriteString("name", report.Campaign.Name);
        json.WriteNumber("runs", report.Campaign.Runs);
        json.WriteNumber("finishedRuns", report.Campaign.FinishedRuns);
        if (report.PersonalBest is { } best)
        {
            json.WriteStartObject("personalBest");
            json.WriteNumber("run", best.Id);
            json.WriteString("startedUtc", Instant(best.StartedUtc));
            json.WriteString("endedUtc", best.EndedUtc is { } ended ? Instant(ended) : null);
            WriteFigures(json, best.Total, "");
            json.WriteStartArray("splits");
            foreach (var split in best.Splits)
            {
                json.WriteStartObject();
                json.WriteNumber("index", split.Index);
                json.WriteString("name", split.Name);
                json.WriteString("level", split.LevelId);
                WriteFigures(json, split.Segment, "");
                WriteFigures(json, split.Cumulative, "cumulative");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("personalBest");
        }

        json.WriteStartArray("golds");
        foreach (var gold in report.Golds)
        {
            json.WriteStartObject();
            json.WriteNumber("index", gold.Index);
            json.WriteString("name", gold.Name);
            json.WriteString("level", gold.LevelId);
            WriteFigures(json, gold.Best, "");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (report.SumOfBest is { } sum)
        {
            json.WritePropertyName("sumOfBest");
            WriteTimes(json, sum, "");
        }
        else
        {
            json.WriteNull("sumOfBest");
        }

        json.WriteEndObject();
    }

    private static void WriteTimes(Utf8JsonWriter json, SpeedrunTimes times, string prefix)
    {
        json.WriteStartObject();
        WriteFigures(json, times, prefix);
        json.WriteEndObject();
    }

    private static void WriteFigures(Utf8JsonWriter json, SpeedrunTimes times, string prefix)
    {
        json.WriteNumber(Name(prefix, "cycles"), times.Cycles);
        json.WriteNumber(Name(prefix, "realMs"), times.RealMs);
        json.WriteNumber(Name(prefix, "loadRemovedMs"), times.LoadRemovedMs);
    }

    private static string Name(string prefix, string name) => prefix.Length == 0 ? name : prefix + char.ToUpperInvariant(name[0]) + name[1..];

    private static string Instant(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
