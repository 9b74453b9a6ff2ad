using System.CommandLine;
using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Levels;
using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Screens.Shell;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest levels [--json] [--dir DIR]</c> lists every level of a catalogue (id, version, both titles,
/// mechanics, metrics with pars, reference solution, and for a campaign level its place and prerequisites); <c>vmquest levels validate PATH…</c> (<see cref="LevelsValidateCommand"/>) checks level files
/// or folders of them. Exit 1 when any file failed.
/// </summary>
internal static class LevelsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json")
        {
            Description = "Print {\"directory\", \"levels\": [{id, version, title: {en, zh-Hans}, mechanics, metrics: [{name, par}], solution, file, hash, "
                + "campaign: {position, of, prerequisites: [id…]} or null for a level not on the campaign map}], \"problems\": [line…]}",
        };
        var dir = new Option<string?>("--dir")
        {
            Description = "The folder of level files (*.yaml, searched recursively); default: the shipped content/levels",
            HelpName = "DIR",
        };
        var command = new Command("levels", "List every level: id, version, title (English and 简体中文), mechanics, metrics with pars, reference solution, "
            + "and a campaign level's place in the campaign and the levels that open it (its prerequisites among the levels of the folder)")
        {
            json, dir, LevelsValidateCommand.Create(),
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            return CommandGuard.Run(error, () =>
            {
                string directory = parse.GetValue(dir) ?? LevelCatalog.DefaultDirectory;
                if (File.Exists(directory))
                {
                    throw new UserInputException($"--dir {directory}: is a file; expected a folder of level files ('vmquest levels validate FILE' checks one file)");
                }

                if (parse.GetValue(dir) is not null && !Directory.Exists(directory))
                {
                    throw new UserInputException($"--dir {directory}: no such folder");
                }

                var entries = LevelCatalog.Scan(directory);
                if (parse.GetValue(json))
                {
                    LevelsJson.Write(output, directory, entries);
                }
                else
                {
                    WriteText(output, directory, entries);
                }

                foreach (var entry in entries.Where(e => e.Problem is not null))
                {
                    error.WriteLine($"vmquest: {entry.Problem}");
                }

                return entries.Any(e => e.Problem is not null) ? CommandGuard.InputError : 0;
            });
        });
        return command;
    }

    private static void WriteText(TextWriter output, string directory, IReadOnlyList<LevelCatalogEntry> entries)
    {
        var levels = entries.Where(e => e.Level is not null).Select(e => e.Level!).ToList();
        if (levels.Count == 0)
        {
            output.WriteLine($"No levels in {OneLine.Escape(directory)}" + (entries.Count > 0 ? $" ({entries.Count} file(s) did not load)." : "."));
            return;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{levels.Count} level(s) in {OneLine.Escape(directory)}:"));
        var present = Curriculum.PresentIds(entries);
        foreach (var level in levels)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{level.Id} (version {level.Version}): {string.Join(", ", level.Player.Mechanics.Select(m => m.Name()))}"));
            output.WriteLine($"  title     {level.Title.En} / {level.Title.ZhHans}");
            if (CampaignLine(level.Id, present) is { } campaign)
            {
                output.WriteLine($"  campaign  {campaign}");
            }

            output.WriteLine("  metrics   " + string.Join(", ", level.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} par {m.Par}"))));
            // File names come from disk and may hold anything; keep each on its line.
            output.WriteLine($"  solution  {(level.Solution is { } s ? OneLine.Escape(SolutionPath(level, s)) : "none yet")}");
            output.WriteLine($"  file      {OneLine.Escape(level.SourcePath)}");
        }
    }

    /// <summary>"4 of 17, opens after translate-split" (or "open from the start"); null for a level not on the campaign map.</summary>
    internal static string? CampaignLine(string id, IReadOnlySet<string> present)
    {
        if (Curriculum.PositionOf(id) is not { } position)
        {
            return null;
        }

        var prerequisites = Curriculum.PrerequisitesOf(id, present);
        var opens = prerequisites.Count == 0 ? "open from the start" : "opens after " + string.Join(" and ", prerequisites);
        return string.Create(CultureInfo.InvariantCulture, $"{position} of {Curriculum.CampaignOrder.Count}, {opens}");
    }

    /// <summary>The solution's path as a user would type it: the level's folder as named, joined with its place there.</summary>
    internal static string SolutionPath(Level level, LevelFile solution) =>
        Path.Join(Path.GetDirectoryName(level.SourcePath), solution.RelativePath);
}
