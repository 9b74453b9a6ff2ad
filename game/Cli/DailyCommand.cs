using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using VmQuest.Daily;
using VmQuest.Engine.Formats.Output;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Records;
using VmQuest.Settings;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest daily [--date YYYY-MM-DD] [--show [--json]] [play's --lang, --data-dir, --screenshot, --screen, --after-ticks]</c>:
/// the daily challenge, a victim level generated from the UTC date (<see cref="DailyLevel"/>). It is written to
/// <c>DATA/daily/daily-YYYY-MM-DD.yaml</c> and opened as <c>vmquest play</c> opens a level file, so its results go to the
/// records under the level id <c>daily-YYYY-MM-DD</c>; <c>--show</c> prints the level's id, hash, shape and par instead.
/// </summary>
internal static class DailyCommand
{
    public static Command Create()
    {
        var date = new Option<string?>("--date") { Description = "The day (UTC) whose challenge to play, YYYY-MM-DD; default today", HelpName = "YYYY-MM-DD" };
        var show = new Option<bool>("--show") { Description = "Print the day's level (id, hash, frames, references, OPT's faults, par) and its file, without opening the game" };
        var json = new Option<bool>("--json") { Description = "With --show: {\"id\", \"date\", \"hash\", \"frames\", \"references\", \"pages\", \"optFaults\", \"par\"}" };
        var language = new Option<string?>("--lang") { Description = "The language for this run (en or zh-Hans)", HelpName = "LANG" };
        language.AcceptOnlyFromAmong([.. GameSettings.Languages]);
        var dataDir = RecordsLocation.CreateOption();
        dataDir.Description = "Directory of the records, settings and the daily levels (daily/); default as vmquest play";
        var screenshot = new Option<string?>("--screenshot") { Description = "Draw one screen headless to this PNG (as vmquest play --screenshot)", HelpName = "FILE" };
        var screen = new Option<string?>("--screen") { Description = "With --screenshot: briefing (default), play, pause or results", HelpName = "NAME" };
        screen.AcceptOnlyFromAmong("briefing", "play", "pause", "results");
        var afterTicks = new Option<long?>("--after-ticks") { Description = "With --screen play or pause: after N ticks of the optimal reference play", HelpName = "N" };
        var command = new Command("daily", "The daily challenge: a victim level generated from the UTC date, the same for everyone that day, with its own records")
        {
            date, show, json, language, dataDir, screenshot, screen, afterTicks,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            if (DayOf(parse.GetValue(date), error) is not { } day)
            {
                return VmQuestCommandLine.UsageError;
            }

            if (parse.GetValue(json) && !parse.GetValue(show))
            {
                error.WriteLine("vmquest: --json needs --show (see 'vmquest daily --help')");
                return VmQuestCommandLine.UsageError;
            }

            return CommandGuard.Run(error, () =>
            {
                var text = DailyLevel.TextOf(day);
                if (parse.GetValue(show))
                {
                    Show(output, day, DailyLevel.Of(day), parse.GetValue(json));
                    return 0;
                }

                var folder = Path.Combine(RecordsLocation.Resolve(parse.GetValue(dataDir)), "daily");
                var file = Path.Combine(folder, DailyLevel.IdOf(day) + ".yaml");
                Directory.CreateDirectory(folder);
                AtomicFile.WriteAllText(file, text);
                var args = new List<string> { "play", file };
                Add(args, "--lang", parse.GetValue(language));
                Add(args, "--data-dir", parse.GetValue(dataDir));
                Add(args, "--screenshot", parse.GetValue(screenshot));
                Add(args, "--screen", parse.GetValue(screen) ?? (parse.GetValue(screenshot) is null ? null : "briefing"));
                Add(args, "--after-ticks", parse.GetValue(afterTicks)?.ToString(CultureInfo.InvariantCulture));
                return parse.RootCommandResult.Command.Parse([.. args]).Invoke(parse.InvocationConfiguration);
            });
        });
        return command;
    }

    /// <summary>The day named by <paramref name="text"/> (today, UTC, when null); null after one line on <paramref name="error"/>.</summary>
    internal static DateOnly? DayOf(string? text, TextWriter error)
    {
        if (text is null)
        {
            return DateOnly.FromDateTime(DateTime.UtcNow);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        error.WriteLine($"vmquest: --date '{text}': expected a calendar date as YYYY-MM-DD, e.g. 2026-12-01");
        return null;
    }

    private static void Add(List<string> args, string option, string? value)
    {
        if (value is not null)
        {
            args.Add(option);
            args.Add(value);
        }
    }

    private static void Show(TextWriter output, DateOnly day, Level level, bool json)
    {
        var trace = level.Traces[0];
        var references = LevelReferences.Of(level).Count;
        var pages = trace.Generator?.Pages ?? 0;
        var opt = VictimOptimum.OptFaults(level);
        var par = level.ParOf(MetricKind.Faults) ?? 0;
        var c = CultureInfo.InvariantCulture;
        if (!json)
        {
            output.WriteLine(string.Create(c, $"{level.Id}  {level.Hash}"));
            output.WriteLine(string.Create(c, $"  {level.Frames} frames, {references} references over {pages} pages; Belady's OPT faults {opt} times; par {par} faults"));
            output.WriteLine($"  vmquest daily --date {day.ToString("yyyy-MM-dd", c)} plays it; vmquest records --level {level.Id} shows its records");
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", level.Id);
            writer.WriteString("date", day.ToString("yyyy-MM-dd", c));
            writer.WriteString("hash", level.Hash);
            writer.WriteNumber("frames", level.Frames ?? 0);
            writer.WriteNumber("references", references);
            writer.WriteNumber("pages", pages);
            writer.WriteNumber("optFaults", opt);
            writer.WriteNumber("par", par);
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
