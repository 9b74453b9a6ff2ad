using System.CommandLine;
using VmQuest.City.Simulation;
using VmQuest.Engine.Formats;
using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Progress;
using VmQuest.Records;
using VmQuest.Screens;
using VmQuest.Screens.Shell;
using VmQuest.Settings;
using VmQuest.Speedrun;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest play [LEVEL] [--replay FILE] [--screenshot FILE [--after-ticks N] [--screen NAME]] [--lang L]
/// [--data-dir DIR] [--livesplit HOST:PORT]</c>: the game. Opens the title screen (or LEVEL's briefing over it);
/// with <c>--screenshot</c> renders one screen headless and exits. A bare <c>vmquest</c> with a display runs this.
/// </summary>
internal static class PlayCommand
{
    /// <summary>The screens <c>--screen</c> can show.</summary>
    public static IReadOnlyList<string> ScreenNames { get; } = ["title", "levels", "briefing", "play", "pause", "results", "settings", "records"];

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var level = new Argument<string?>("LEVEL") { Description = "A level id (from content/levels) or a level file: opens its briefing", Arity = ArgumentArity.ZeroOrOne };
        var replay = new Option<string?>("--replay") { Description = "Play a replay (solution) file back in the city", HelpName = "FILE" };
        var screen = new Option<string?>("--screen") { Description = $"With --screenshot: which screen to draw ({string.Join(", ", ScreenNames)}); default title, or briefing with LEVEL", HelpName = "NAME" };
        screen.AcceptOnlyFromAmong([.. ScreenNames]);
        var language = new Option<string?>("--lang") { Description = "The language for this run (en or zh-Hans); the settings keep theirs", HelpName = "LANG" };
        language.AcceptOnlyFromAmong([.. GameSettings.Languages]);
        var levelDir = new Option<string?>("--level-dir") { Description = "The folder of levels the level select lists (default: the shipped content/levels)", HelpName = "DIR" };
        var dataDir = RecordsLocation.CreateOption();
        dataDir.Description = "Directory of the records and settings; default $VMQUEST_DATA, else $XDG_DATA_HOME/vmquest, else ~/.local/share/vmquest";
        var liveSplit = new Option<string?>("--livesplit") { Description = "Drive LiveSplit Server live at HOST:PORT (opt-in)", HelpName = "HOST:PORT" };
        var screenshot = new ScreenshotOptions();
        var command = new Command("play", "Play VmQuest: the title screen, the levels, settings and records (the default with a display)")
        {
            level, replay, screen, language, levelDir, dataDir, liveSplit,
        };
        screenshot.AddTo(command);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            LiveSplitAddress? address = null;
            if (parse.GetValue(liveSplit) is { } text)
            {
                address = LiveSplitAddress.TryParse(text, out var reason);
                if (address is null)
                {
                    error.WriteLine($"vmquest: --livesplit: {reason} (see 'vmquest play --help')");
                    return VmQuestCommandLine.UsageError;
                }
            }

            if (parse.GetValue(screen) is not null && parse.GetValue(screenshot.Screenshot) is null)
            {
                error.WriteLine("vmquest: --screen needs --screenshot FILE (see 'vmquest play --help')");
                return VmQuestCommandLine.UsageError;
            }

            var request = new PlayRequest(parse.GetValue(level), parse.GetValue(replay), parse.GetValue(screen), parse.GetValue(language),
                parse.GetValue(levelDir) ?? LevelCatalog.DefaultDirectory, parse.GetValue(dataDir), address);
            return GraphicsCommandGuard.Run(error, () => Run(request, screenshot.Parse(parse), parse.InvocationConfiguration.Output, error));
        });
        return command;
    }

    private static int Run(PlayRequest request, (string Path, long AfterTicks)? shot, TextWriter output, TextWriter error)
    {
        // Everything that can be wrong with the input is found before a window opens, so it is reported the same
        // with or without a display.
        Level? level = null;
        if (request.Level is { } named)
        {
            try
            {
                level = LevelResolver.Resolve(named, request.LevelDirectory);
            }
            catch (FormatParseException e)
            {
                error.WriteLine($"vmquest: {e.Message}");
                return 1;
            }
        }

        if (request.Replay is not null)
        {
            error.WriteLine("vmquest: --replay: replay playback in the game is not in this build yet; use 'vmquest replay watch FILE'");
            return 1;
        }

        var (settings, note) = OpenSettings(request.DataDirectory);
        var previousScheme = Palette.Scheme;
        try
        {
            using var progress = OpenProgress();
            var options = shot is null ? new SdlBackendOptions { Title = "VmQuest" } : SdlBackendOptions.HeadlessOf(1280, 720);
            using var backend = new SdlRenderBackend(options);
            var shell = new ShellContext(backend, settings, progress, request.LevelDirectory, request.Language)
            {
                OpenSandbox = () => new SandboxScreen(backend, new SandboxSettings(), settings.Current.Speed),
                StartupNote = note,
            };
            var stack = new ScreenStack(new TitleScreen(shell), progress);
            if (shot is { } screenshot)
            {
                if (Screens(shell, stack, request.Screen ?? (level is null ? "title" : "briefing"), level, error) is { } failed)
                {
                    return failed;
                }

                GameLoop.Screenshot(backend, stack, shell, screenshot.Path);
                output.WriteLine($"wrote {screenshot.Path}");
                return 0;
            }

            if (level is not null)
            {
                stack.Push(new BriefingScreen(shell, level));
            }

            var frames = GameLoop.Run(backend, stack, shell);
            output.WriteLine($"play: {frames} frames, left on {(stack.Top?.Name ?? "quit")}");
            return 0;
        }
        finally
        {
            Palette.Scheme = previousScheme; // in-process callers (tests) get the palette they had
        }
    }

    // Builds the stack a screenshot of `screen` shows, the way a player would reach it.
    private static int? Screens(ShellContext shell, ScreenStack stack, string screen, Level? level, TextWriter error)
    {
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
            case "briefing":
                level ??= shell.Catalog.Select(e => e.Level).OfType<Level>().FirstOrDefault();
                if (level is null)
                {
                    error.WriteLine($"vmquest: no level to brief: {shell.LevelDirectory} holds no level that loads");
                    return 1;
                }

                stack.Push(new LevelSelectScreen(shell));
                stack.Push(new BriefingScreen(shell, level));
                return null;
            default:
                error.WriteLine($"vmquest: --screen {screen}: the play screens are not in this build yet");
                return 1;
        }
    }

    private static (SettingsStore Settings, string? Note) OpenSettings(string? dataDirectory)
    {
        try
        {
            var store = SettingsStore.Open(SettingsStore.PathIn(RecordsLocation.Resolve(dataDirectory)));
            return (store, store.Problem);
        }
        catch (RecordsException e)
        {
            var store = SettingsStore.Open(null, e.Message);
            return (store, e.Message);
        }
    }

    private static NoRecordsProgress OpenProgress() => new();

    private sealed record PlayRequest(string? Level, string? Replay, string? Screen, string? Language, string LevelDirectory, string? DataDirectory, LiveSplitAddress? LiveSplit);
}
