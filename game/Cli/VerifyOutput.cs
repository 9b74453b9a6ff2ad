using System.Globalization;
using System.Text.Json;
using VmQuest.Play;
using VmQuest.Progress;

namespace VmQuest.Cli;

/// <summary>The text and JSON of <c>vmquest verify</c>.</summary>
internal static class VerifyOutput
{
    /// <summary>What <c>--json</c> prints, for the help.</summary>
    public const string Shape =
        "[{\"file\", \"level\", \"verified\": true|false, \"metrics\": {NAME: VALUE}, \"pars\": {NAME: PAR}, \"optimum\": {NAME: VALUE}, \"reason\": null|TEXT}]";

    /// <summary>A verified file: one line with each metric, its par, and the optimum with the ratio where known.</summary>
    public static void WriteVerified(TextWriter output, VerifyOutcome outcome)
    {
        var level = outcome.Level!;
        var parts = outcome.Result.Metrics.Select(metric =>
        {
            var kind = level.Metrics.First(m => m.Name == metric.Name).Kind;
            var par = level.ParOf(kind)!.Value;
            var text = string.Create(CultureInfo.InvariantCulture, $"{metric.Name} {metric.Value} (par {par}{(metric.Value <= par ? ", met" : ", missed")}");
            if (LevelOptima.Of(level, kind) is { } optimum)
            {
                text += string.Create(CultureInfo.InvariantCulture, $", optimum {optimum}, ratio {Ratio(metric.Value, optimum)}");
            }

            return text + ")";
        });
        output.WriteLine($"{outcome.File}: verified, level {level.Id} {level.Version}: {string.Join(", ", parts)}");
    }

    /// <summary>A rejected file: the one line that says why.</summary>
    public static void WriteRejected(TextWriter error, VerifyOutcome outcome) =>
        error.WriteLine(outcome.ReasonNamesFile ? $"vmquest: {outcome.Result.Reason}" : $"vmquest: {outcome.File}: {outcome.Result.Reason}");

    /// <summary>Every outcome as a JSON array (<see cref="Shape"/>).</summary>
    public static void WriteJson(TextWriter output, IReadOnlyList<VerifyOutcome> outcomes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var outcome in outcomes)
            {
                json.WriteStartObject();
                json.WriteString("file", outcome.File);
                json.WriteString("level", outcome.LevelId);
                json.WriteBoolean("verified", outcome.Result.Verified);
                json.WriteStartObject("metrics");
                foreach (var metric in outcome.Result.Metrics)
                {
                    json.WriteNumber(metric.Name, metric.Value);
                }

                json.WriteEndObject();
                json.WriteStartObject("pars");
                foreach (var metric in outcome.Level?.Metrics ?? [])
                {
                    json.WriteNumber(metric.Name, metric.Par);
                }

                json.WriteEndObject();
                json.WriteStartObject("optimum");
                foreach (var metric in outcome.Level?.Metrics ?? [])
                {
                    if (LevelOptima.Of(outcome.Level!, metric.Kind) is { } optimum)
                    {
                        json.WriteNumber(metric.Name, optimum);
                    }
                }

                json.WriteEndObject();
                json.WriteString("reason", outcome.Result.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Ratio(long value, long optimum) =>
        optimum == 0 ? "-" : ((double)value / optimum).ToString("F2", CultureInfo.InvariantCulture);
}
