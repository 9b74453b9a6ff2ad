using System.CommandLine;
using VmQuest.Records;
using VmQuest.Records.Report;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest records [--level ID] [--data-dir DIR] [--json]</c>: the personal bests (the Pareto frontier of each
/// level, with every metric), attempt counts, and per campaign the personal best with its splits, the golds and
/// the sum of best. Reading never makes a database; a damaged one is moved aside and reported in one line.
/// </summary>
internal static class RecordsCommand
{
    public static Command Create()
    {
        var level = new Option<string?>("--level") { Description = "Show only this level (by id)", HelpName = "ID" };
        var dataDir = RecordsLocation.CreateOption();
        var json = new Option<bool>("--json") { Description = "Print JSON: " + RecordsJson.Shape };
        var command = new Command("records",
            "Show your records (docs/records.md): per level the Pareto frontier of personal bests (kept unless another is <= on every "
            + "metric and < on one; lower is better) and attempts; per campaign the personal best's splits, golds and sum of best. "
            + "Exit 0 (also with no records yet), 1 when the database is refused (locked, newer schema, not a file), 2 for bad usage")
        {
            level, dataDir, json, CreateWriteLoop(),
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            return CommandGuard.Run(error, () =>
            {
                var directory = RecordsLocation.Resolve(parse.GetValue(dataDir));
                using var store = RecordsStore.OpenExisting(directory);
                if (store?.Recovery is { } recovery)
                {
                    error.WriteLine(recovery.Line);
                }

                var report = store is null
                    ? new RecordsReport(RecordsLocation.DatabasePath(directory), parse.GetValue(level), [], [])
                    : RecordsReport.Gather(store, parse.GetValue(level));
                if (parse.GetValue(json))
                {
                    RecordsJson.Write(output, report);
                }
                else if (report.IsEmpty)
                {
                    output.WriteLine(report.LevelFilter is { } id
                        ? $"No records for level {id} yet in {report.DatabasePath}."
                        : $"No records yet in {report.DatabasePath}: finish a level to make some.");
                }
                else
                {
                    RecordsText.Write(output, report);
                }

                return 0;
            });
        });
        return command;
    }

    /// <summary>
    /// The hidden <c>records write-loop</c> the kill test drives: writes records until killed and prints a line
    /// after each commit (see <see cref="RecordsWriteLoop"/>).
    /// </summary>
    private static Command CreateWriteLoop()
    {
        var dataDir = RecordsLocation.CreateOption();
        var batch = new Option<int>("--batch") { Description = "Number of this run (seeds are BATCH × 1,000,000 + i)", DefaultValueFactory = _ => 0 };
        var count = new Option<int?>("--count") { Description = "Stop after this many attempts; default: until killed" };
        var command = new Command("write-loop", "Write records in a loop, printing each commit (for the kill test)") { Hidden = true };
        command.Options.Add(dataDir);
        command.Options.Add(batch);
        command.Options.Add(count);
        command.SetAction(parse => CommandGuard.Run(parse.InvocationConfiguration.Error, () =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var store = RecordsStore.Open(RecordsLocation.Resolve(parse.GetValue(dataDir)));
            parse.InvocationConfiguration.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"opened in {clock.Elapsed.TotalMilliseconds:F1} ms"));
            RecordsWriteLoop.Run(store, parse.InvocationConfiguration.Output, parse.GetValue(batch), parse.GetValue(count));
            return 0;
        }));
        return command;
    }
}
