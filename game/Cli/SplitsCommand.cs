using System.CommandLine;
using VmQuest.Records;
using VmQuest.Speedrun;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest splits export --lss FILE [--campaign NAME] [--data-dir DIR]</c>: writes a campaign's runs from the
/// records as a LiveSplit splits file (personal best split times, golds, attempt and segment history; real time as
/// LiveSplit's Real Time, load-removed time as its Game Time), atomically.
/// </summary>
internal static class SplitsCommand
{
    public static Command Create()
    {
        var lss = new Option<FileInfo>("--lss") { Description = "The LiveSplit splits file to write (.lss)", HelpName = "FILE", Required = true };
        var campaign = new Option<string>("--campaign")
        {
            Description = "Which campaign's runs (default: the main campaign)",
            HelpName = "NAME",
            DefaultValueFactory = _ => RecordsStore.MainCampaign,
        };
        var dataDir = RecordsLocation.CreateOption();
        var export = new Command("export",
            "Write a campaign's runs as a LiveSplit splits file: open it in LiveSplit (Open Splits) to see your personal best, golds and sum of best. "
            + "Exit 1 when there is no finished run yet or the file cannot be written")
        {
            lss, campaign, dataDir,
        };
        export.SetAction(parse =>
        {
            // A device or directory as the output is refused before the records are read.
            var path = parse.GetValue(lss)!.FullName;
            Engine.Formats.Output.AtomicFile.CheckWritable(path);
            var directory = RecordsLocation.Resolve(parse.GetValue(dataDir));
            var name = parse.GetValue(campaign)!;
            using var store = RecordsStore.OpenExisting(directory);
            if (store?.Recovery is { } recovery)
            {
                parse.InvocationConfiguration.Error.WriteLine(recovery.Line);
            }

            if (store is null || SplitsFromRecords.Build(store, name) is not { } run)
            {
                throw new UserInputException(
                    $"{RecordsLocation.DatabasePath(directory)}: no finished run of the campaign '{name}' yet; finish one to export its splits");
            }

            LssWriter.Write(run, path);
            parse.InvocationConfiguration.Output.WriteLine($"wrote {path}: {run.Segments.Count} segments, {run.Attempts.Count} attempts");
            return 0;
        });
        return new Command("splits", "Speedrun splits: export them for LiveSplit") { export };
    }
}
