using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VmQuest.Engine.Formats.Output;
using VmQuest.Teaching;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest grade DIR [--replays RDIR] [--json]</c>: verifies each student's replay against that student's own
/// variant (<see cref="Grading"/>) and writes <c>DIR/results.csv</c>. Exit 0 when the table was written (whatever the
/// students' results), 1 when DIR is not an assignment folder or the table cannot be written, 2 for bad usage.
/// </summary>
internal static class GradeCommand
{
    /// <summary>What <c>--json</c> prints, for the help.</summary>
    public const string Shape =
        "[{student, variant, hash, status: passed|failed|missing|wrong-variant, reason, metrics: {NAME: VALUE}, pars: {NAME: PAR}, parsMet}]";

    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "An assignment folder written by 'vmquest assign'" };
        var replays = new Option<string?>("--replays")
        {
            Description = "The folder of the students' replays, one per student named ID.vmqr; default DIR/replays",
            HelpName = "RDIR",
        };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of lines: " + Shape };
        var command = new Command("grade",
            "Verify each student's replay (RDIR/ID.vmqr) against that student's own variant and write DIR/results.csv: passed (with "
            + "metrics and pars), failed (why), missing, or wrong-variant (made for another student's copy). Exit 0 when the table is written")
        {
            folder, replays, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            string dir = parse.GetRequiredValue(folder);
            if (!Directory.Exists(dir))
            {
                throw new UserInputException($"{dir}: no such folder; expected an assignment folder written by 'vmquest assign'");
            }

            string replayDir = parse.GetValue(replays) ?? Path.Combine(dir, Grading.ReplaysFolder);
            if (!Directory.Exists(replayDir))
            {
                throw new UserInputException($"--replays {replayDir}: no such folder; expected the folder of the students' replays (ID.vmqr)");
            }

            var manifest = AssignmentManifest.Read(dir);
            string resultsPath = Path.Combine(dir, Grading.ResultsName);
            AtomicFile.CheckWritable(resultsPath);
            var rows = Grading.Run(dir, manifest, replayDir);
            AtomicFile.WriteAllText(resultsPath, Grading.ToCsv(rows, manifest.MetricNames));
            if (parse.GetValue(json))
            {
                WriteJson(output, rows);
                return 0;
            }

            foreach (var row in rows)
            {
                output.WriteLine($"{row.Student}  {Describe(row)}");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rows.Count} student(s): {Count(rows, GradeStatus.Passed)} passed, {Count(rows, GradeStatus.Failed)} failed, "
                + $"{Count(rows, GradeStatus.WrongVariant)} wrong variant, {Count(rows, GradeStatus.Missing)} missing; results in {resultsPath}"));
            return 0;
        });
        return command;
    }

    private static int Count(IReadOnlyList<GradeRow> rows, GradeStatus status) => rows.Count(r => r.Status == status);

    private static string Describe(GradeRow row) => row.Status switch
    {
        GradeStatus.Passed => "passed  " + string.Join(", ", row.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.Value}/{m.Par}")))
            + string.Create(CultureInfo.InvariantCulture, $" ({row.ParsMet} of {row.Metrics.Count} pars met)"),
        GradeStatus.Missing => "missing",
        _ => $"{row.StatusText}: {row.Reason}",
    };

    private static void WriteJson(TextWriter output, IReadOnlyList<GradeRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("student", row.Student);
                json.WriteString("variant", row.Variant);
                json.WriteString("hash", row.Hash);
                json.WriteString("status", row.StatusText);
                json.WriteString("reason", row.Reason);
                json.WriteStartObject("metrics");
                foreach (var metric in row.Metrics)
                {
                    json.WriteNumber(metric.Name, metric.Value);
                }

                json.WriteEndObject();
                json.WriteStartObject("pars");
                foreach (var metric in row.Metrics)
                {
                    json.WriteNumber(metric.Name, metric.Par);
                }

                json.WriteEndObject();
                json.WriteNumber("parsMet", row.ParsMet);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
