using System.CommandLine;
using VmQuest.City.Simulation;
using VmQuest.Engine.Formats;
using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Ostep;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Play;
using VmQuest.Progress;
using VmQuest.Records;
using VmQuest.Replays;
using VmQuest.Screens;
using VmQuest.Screens.Play;
using VmQuest.Screens.Shell;
using VmQuest.Settings;
using VmQuest.Speedrun;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest play [LEVEL] [--replay FILE] [--screenshot FILE [--after-ticks N] [--screen NAME]] [--lang L]
/// [--data-dir DIR] [--livesplit HOST:PORT]</c>: the game. Opens the title screen (or LEVEL's briefing over it, or
/// the replay's playback); with <c>--screenshot</c> renders one screen headless and exits. A bare <c>vmquest</c>
/// with a display runs this.
/// </summary>
internal static class PlayCommand
{
    /// <summary>The screens <c>--screen</c> can show.</summary>
    public static IReadOnlyList<string> ScreenNames { get; } = ["title", "levels", "briefing", "play", "pause", "results", "settings", "records"];

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var level = new Argument<string?>("LEVEL")
        {
            Description = "A level id (from content/levels) or a level file: opens its briefing (with --replay: the replay's level), locked on the campaign map or not",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var unlockAll = new Option<bool>("--unlock-all")
        {
            Description = "Open every level of the level select for this run, whatever the campaign map says (for teachers and testers; Settings → Levels open keeps it on)",
        };
        var replay = new Option<string?>("--replay") { Description = "Play a replay (solution) file back in the city, after verifying it", HelpName = "FILE" };
        var screen = new Option<string?>("--screen")
        {
            Description = $"With --screenshot: which screen to draw ({string.Join(", ", ScreenNames)}); default title, or briefing with LEVEL. "
                + "play, pause and results show LEVEL (default the first level) after --after-ticks N ticks of its reference solution (results: to its end)",
            HelpName = "NAME",
        };
        screen.AcceptOnlyFromAmong([.. ScreenNames]);
        var language = new Option<string?>("--lang") { Description = "The language for this run (en or zh-Hans); the settings keep theirs until you change one", HelpName = "LANG" };
        language.AcceptOnlyFromAmong([.. GameSettings.Languages]);
        var levelDir = new Option<string?>("--level-dir") { Description = "The folder of levels the level select lists (default: the shipped content/levels)", HelpName = "DIR" };
        var dataDir = RecordsLocation.CreateOption();
        dataDir.Description = $"Directory of the records ({RecordsLocation.FileName}) and settings ({SettingsFile.FileName}); default ${RecordsLocation.EnvironmentVariable}, else $XDG_DATA_HOME/vmquest, else ~/.local/share/vmquest";
        var liveSplit = LiveSplitOption.Create();
        var ostep = new Option<string?>("--ostep")
        {
            Description = "Play an OSTEP homework problem (paging-linear-translate.py, paging-multilevel-translate.py or paging-policy.py output, saved without -c) as a level: "
                + "every question answered and checked. With --screenshot: --screen briefing, play (question N+1 after --after-ticks N right answers) or results (the first N wrong)",
            HelpName = "FILE",
        };
        var ostepSeed = new Option<long?>("--seed") { Description = "With --ostep: the paging-policy.py seed (-s), when the file has no 'ARG seed' line or you want another", HelpName = "N" };
        var ostepAnswer = new Option<int?>("--ostep-answer") { Description = "With --ostep --screen play --screenshot: answer the question shown with choice K and draw its check", HelpName = "K" };
        var screenshot = new ScreenshotOptions();
        var command = new Command("play", "Play VmQuest: title screen, levels, briefing, play, results, settings, records (the default with a display)")
        {
            level, replay, screen, language, levelDir, dataDir, liveSplit, ostep, ostepSeed, ostepAnswer, unlockAll,
        };
        screenshot.AddTo(command);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(screen) is not null && parse.GetValue(screenshot.Screenshot) is null)
            {
                error.WriteLine("vmquest: --screen needs --screenshot FILE (see 'vmquest play --help')");
                return VmQuestCommandLine.UsageError;
            }

            if (parse.GetValue(ostep) is null && (parse.GetValue(ostepSeed) is not null || parse.GetValue(ostepAnswer) is not null))
            {
                error.WriteLine("vmquest: --seed and --ostep-answer need --ostep FILE (see 'vmquest play --help')");
                return VmQuestCommandLine.UsageError;
            }

            var request = new PlayRequest(parse.GetValue(level), parse.GetValue(replay), parse.GetValue(screen), parse.GetValue(language),
                parse.GetValue(levelDir) ?? LevelCatalog.DefaultDirectory, parse.GetValue(dataDir), parse.GetValue(liveSplit))
            {
                Ostep = parse.GetValue(ostep), OstepSeed = parse.GetValue(ostepSeed), OstepAnswer = parse.GetValue(ostepAnswer),
                UnlockAll = parse.GetValue(unlockAll),
            };
            return GraphicsCommandGuard.Run(error, () => Run(request, screenshot.Parse(parse), parse.InvocationConfiguration.Output, error));
        });
        return command;
    }

    private static int Run(PlayRequest request, (string Path, long AfterTicks)? shot, TextWriter output, TextWriter error)
    {
        // Everything that can be wrong with the input is found before a window opens, so it is reported the same
        // with or without a display.
        Level? level = null;
        ReplayFile? replay = null;
        OstepQuiz? quiz = null;
        try
        {
            if (request.Ostep is { } ostepPath)
            {
                quiz = OstepQuizzes.FromText(CliInput.ReadFile(ostepPath, Engine.Formats.Input.InputLimits.OstepFileBytes, "an OSTEP homework problem"), ostepPath, request.OstepSeed);
            }
            else if (request.Replay is { } replayPath)
            {
                replay = ReplayReader.Read(replayPath);
                level = LevelResolver.Resolve(request.Level ?? replay.LevelId, request.LevelDirectory);
                var verdict = ReplayVerifier.Verify(replay, level);
                if (!verdict.Verified)
                {
                    error.WriteLine($"vmquest: {replayPath}: cannot be played back: {verdict.Reason}");
                    return 1;
                }
            }
            else if (request.Level is { } named)
            {
                level = LevelResolver.Resolve(named, request.LevelDirectory);
            }
        }
        catch (FormatParseException e)
        {
            error.WriteLine($"vmquest: {e.Message}");
            return 1;
        }

        var screenName = request.Screen ?? (level is null ? "title" : "briefing");
        var (settings, settingsNote) = OpenSettings(request.DataDirectory);
        var previousScheme = Palette.Scheme;
        try
        {
            // A screenshot never writes records: its play, pause and results run on a progress that keeps nothing.
            var writesNothing = shot is not null && (quiz is not null || screenName is "play" or "pause" or "results");
            using IGameProgress progress = writesNothing ? new NullGameProgress() : GameProgress.Open(request.DataDirectory, request.LiveSplit, error);
            var options = shot is null ? new SdlBackendOptions { Title = "VmQuest" } : SdlBackendOptions.HeadlessOf(1280, 720);
            using var backend = new SdlRenderBackend(options);
            var shell = new ShellContext(backend, settings, progress, request.LevelDirectory, request.Language)
            {
                OpenSandbox = () => new SandboxScreen(backend, new SandboxSettings(), settings.Current.Speed),
                StartupNote = Join(progress.StatusNote, settingsNote),
                UnlockAllOverride = request.UnlockAll,
            };
            shell.OpenLevel = l => PlayScreen.Open(l, progress, PlayOptions(shell, request.DataDirectory));
            var stack = new ScreenStack(quiz is null ? new TitleScreen(shell) : new OstepBriefingScreen(shell, quiz), progress);
            if (shot is { } ostepShot && quiz is not null)
            {
                if (OstepScreenshot.Build(stack, shell, quiz, request.Screen ?? "briefing", ostepShot.AfterTicks, request.OstepAnswer) is { } problem)
                {
                    error.WriteLine("vmquest: " + problem);
                    return VmQuestCommandLine.UsageError;
                }

                GameLoop.Screenshot(backend, stack, shell, ostepShot.Path);
                output.WriteLine($"wrote {ostepShot.Path}");
                return 0;
            }

            if (shot is { } screenshot)
            {
                if (Screens(shell, stack, screenName, level, replay, screenshot.AfterTicks, error) is { } failed)
                {
                    return failed;
                }

                GameLoop.Screenshot(backend, stack, shell, screenshot.Path);
                output.WriteLine($"wrote {screenshot.Path}");
                return 0;
            }

            if (replay is not null && level is not null)
            {
                stack.Push(new PlaybackScreen(replay, level));
            }
            else if (level is not null)
            {
                stack.Push(new LevelSelectScreen(shell));
                stack.Push(new BriefingScreen(shell, level));
            }

            var frames = GameLoop.Run(backend, stack, shell, output);
            output.WriteLine($"play: {frames} frames, left on {stack.Top?.Name ?? "quit"}");
            return 0;
        }
        finally
        {
            Palette.Scheme = previousScheme; // in-process callers (tests) get the palette they had
        }
    }

    // Where the play, pause and results screens lead: the shell's level select, settings and briefings.
    private static PlayScreenOptions PlayOptions(ShellContext shell, string? dataDirectory)
    {
        string? replays = null;
        try
        {
            replays = Path.Combine(RecordsLocation.Resolve(dataDirectory), "replays");
        }
        catch (RecordsException)
        {
            // No data directory: "save replay" writes to the current directory.
        }

        return new PlayScreenOptions
        {
            LevelSelect = () => new LevelSelectScreen(shell),
            Settings = () => new SettingsScreen(shell),
            Briefing = l => new BriefingScreen(shell, l),
            NextLevel = current => NextLevel(shell, current),
            ReplayDirectory = replays,
        };
    }

    // During a campaign run, the run's next level; otherwise the first open level after `current` in the catalogue's
    // order (the level select's), or null after the last.
    private static Level? NextLevel(ShellContext shell, Level current)
    {
        if (shell.Progress.CampaignNextLevel is { } segment)
        {
            return segment;
        }

        var levels = shell.Catalog.Select(e => e.Level).OfType<Level>().ToList();
        var index = levels.FindIndex(l => l.Id == current.Id);
        return index < 0 ? null : levels.Skip(index + 1).FirstOrDefault(l => shell.LockedBy(l, shell.Progress.StandingOf).Count == 0);
    }

    // Builds the stack a screenshot of `screen` shows, the way a player would reach it.
    private static int? Screens(ShellContext shell, ScreenStack stack, string screen, Level? level, ReplayFile? replay, long afterTicks, TextWriter error)
    {
        if (replay is not null && level is not null)
        {
            var playback = new PlaybackScreen(replay, level, paused: true);
            stack.Push(playback);
            return null;
        }

        switch (screen)
        {
            case "title":
                return null;
            case "levels":
                stack.Push(new LevelSelectScreen(shell));
                return null;
            case "settings":
                stack.Push(new SettingsScreen(shell));
                return null;
            case "records":
                stack.Push(new RecordsScreen(shell));
                return null;
        }

        level ??= shell.Catalog.Select(e => e.Level).OfType<Level>().FirstOrDefault();
        if (level is null)
        {
            error.WriteLine($"vmquest: no level to show: {shell.LevelDirectory} holds no level that loads");
            return 1;
        }

        stack.Push(new LevelSelectScreen(shell));
        stack.Push(new BriefingScreen(shell, level));
        if (screen == "briefing")
        {
            return null;
        }

        var options = PlayOptions(shell, null);
        var play = new LevelPlay(level);
        var reference = LevelSessions.PlayersOf(level).PlayReference(level);
        foreach (var action in reference.AppliedActions.Where(a => screen == "results" || a.Tick < afterTicks))
        {
            play.Act(action.Kind, action.Arguments);
        }

        var playScreen = new PlayScreen(level, play, shell.Progress, options);
        stack.Push(playScreen);
        if (screen == "pause")
        {
            stack.Push(new PauseScreen(playScreen, options));
        }
        else if (screen == "results")
        {
            stack.Push(new ResultsScreen(shell.Progress.LevelFinished(play.Session), shell.Progress, options));
        }

        return null;
    }

    private static (SettingsStore Settings, string? Note) OpenSettings(string? dataDirectory)
    {
        try
        {
            var store = SettingsStore.Open(SettingsStore.PathIn(RecordsLocation.Resolve(dataDirectory)));
            return (store, store.Problem is { } problem ? "vmquest: " + problem : null);
        }
        catch (RecordsException e)
        {
            return (SettingsStore.Open(null, e.Message), null); // the records' note already says there is no data directory
        }
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : first + " · " + second;

    private sealed record PlayRequest(string? Level, string? Replay, string? Screen, string? Language, string LevelDirectory, string? DataDirectory, LiveSplitAddress? LiveSplit)
    {
        public string? Ostep { get; init; }

        public long? OstepSeed { get; init; }

        public int? OstepAnswer { get; init; }

        public bool UnlockAll { get; init; }
    }
}
