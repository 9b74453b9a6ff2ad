using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using VmQuest.Platform;
using VmQuest.Screens;
using VmQuest.Screens.Play;
using VmQuest.Screens.Shell;
using VmQuest.Tests.Game.Platform;
using VmQuest.Tests.Game.Play;
using VmQuest.Tests.Game.Screens.Shell;

namespace VmQuest.Tests.Game.Screens;

/// <summary>
/// The issue's acceptance walk-through: a new player goes from the title screen to a finished first level using only
/// what the screens say, in the real executable under Xvfb, driven by xdotool, in English and in Chinese. Each
/// screen is saved with the game's own F12 key (its file is named after the screen on top, which is how the test
/// knows where the player is) into <c>$TMPDIR/vmquest-walkthrough/LANG/</c> to be looked at.
/// </summary>
/// <remarks>
/// The route, as each screen's key bar tells it: title (its key bar: "Enter / click open", shortcut L for Levels)
/// → level select (the arrow keys to the victim card, open from the start; "Enter / click briefing") → briefing ("Enter / click Start") → play (the victim panel's
/// "1–9 evict row N": Belady's OPT evicts the resident page used furthest ahead — rows 3, 3, 1, 1 on this string)
/// → results ("Q quit"). English clicks with the mouse where it can; Chinese uses the keys.
/// </remarks>
[Collection(SdlTestGroup.Name)]
public sealed class WalkThroughTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [XvfbFact]
    public void WalkThrough_English_TitleToFinishedFirstLevel_WithMouseAndKeys() => Walk("en", useMouse: true);

    [XvfbFact]
    public void WalkThrough_Chinese_TitleToFinishedFirstLevel_WithKeys() => Walk("zh-Hans", useMouse: false);

    private static void Walk(string language, bool useMouse)
    {
        var shots = Path.Combine(Path.GetTempPath(), "vmquest-walkthrough", language);
        if (Directory.Exists(shots))
        {
            Directory.Delete(shots, recursive: true);
        }

        Directory.CreateDirectory(shots);
        var data = Directory.CreateTempSubdirectory("vmquest-walk-data-").FullName;
        using var xvfb = XvfbServer.Start("1280x800x24");
        var game = GameProcess.Start(xvfb, shots, "play", "--data-dir", data, "--lang", language);
        try
        {
            var window = game.FindWindow("VmQuest");
            var where = Geometry(language);

            // Title: the menu, with Levels under Continue.
            game.Shot("title");
            if (useMouse)
            {
                game.Click(window, where.LevelsEntry);
            }
            else
            {
                game.Key(window, "l");
            }

            // Level select: the campaign map, its first card selected; the arrow keys move to "Choose the victim"
            // (open from the start: it needs no background), Enter opens its briefing.
            game.Shot("levels");
            for (var i = 0; i < where.BeladyCard; i++)
            {
                // One press a frame: two presses in one frame would move the selection once.
                Thread.Sleep(200);
                game.Key(window, "Right");
            }

            Thread.Sleep(400);
            game.Key(window, "Return");

            // Briefing: the reference string, the pars; the Start button.
            game.Shot("briefing");
            if (useMouse)
            {
                game.Click(window, where.StartButton);
            }
            else
            {
                game.Key(window, "Return");
            }

            // Play: four decisions, each the OPT victim (the panel lists resident pages in frame order).
            game.Shot("play");
            foreach (var row in new[] { "3", "3", "1", "1" })
            {
                Thread.Sleep(400);
                game.Key(window, row);
            }

            Thread.Sleep(400);
            if (game.Shot("play", "results") == "play")
            {
                game.Key(window, "Return"); // the finished city: Enter goes on to the results at once
            }

            game.Shot("results");
            game.Key(window, "q");
            Assert.True(game.WaitForExit(Patience), "the game did not quit from the results screen");
            Assert.Equal(0, game.ExitCode);
        }
        finally
        {
            game.Dispose();
        }

        // The attempt is in the records: won, with OPT's 7 faults and 4 actions (every par met).
        var (status, output, error) = VmQuest.Tests.Game.Cli.CliRunner.Run("records", "--level", "victim-belady", "--data-dir", data, "--json");
        Directory.Delete(data, recursive: true);
        Assert.True(status == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var level = json.RootElement.GetProperty("levels")[0];
        Assert.Equal(1, level.GetProperty("wins").GetInt32());
        var bests = level.GetProperty("personalBests");
        Assert.Equal(7, bests.GetProperty("faults").GetInt64());
        Assert.Equal(4, bests.GetProperty("actions").GetInt64());
        Assert.True(level.GetProperty("bestTimes").GetProperty("realMs").GetInt64() > 0, "real time was not measured");
        Assert.True(Directory.GetFiles(shots, "vmquest-results-*.png").Length > 0);
    }

    // Where the screens put the things a player clicks, from the screens' own layout code at the window's size.
    private static (Vector2 LevelsEntry, int BeladyCard, Vector2 StartButton) Geometry(string language)
    {
        using var fixture = new ShellFixture(new RecordingRenderBackend { Width = 1280, Height = 720 }, language: language);
        fixture.Idle();
        var title = (TitleScreen)fixture.Stack.Top!;
        var levels = title.Menu.Areas[title.Menu.Choices.ToList().FindIndex(c => c.Id == "levels")].Centre;
        var select = new LevelSelectScreen(fixture.Shell);
        fixture.Stack.Push(select);
        fixture.Idle();
        var card = select.Entries.ToList().FindIndex(e => e.Level?.Id == "victim-belady");
        Assert.Empty(select.LockedBy(card));
        var start = new BriefingScreen(fixture.Shell, ShippedLevels.Belady()).StartButton(fixture.Shell.Ui).Centre;
        return (levels, card, start);
    }

    /// <summary>The real vmquest executable in a window on the test's X server.</summary>
    private sealed class GameProcess : IDisposable
    {
        private readonly Process _process;
        private readonly XvfbServer _xvfb;
        private readonly string _shots;
        private readonly List<string> _output = [];
        private bool _disposed;

        private GameProcess(Process process, XvfbServer xvfb, string shots)
        {
            _process = process;
            _xvfb = xvfb;
            _shots = shots;
        }

        public int ExitCode => _process.ExitCode;

        public static GameProcess Start(XvfbServer xvfb, string workingDirectory, params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(GameExecutable.Path);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DISPLAY"] = xvfb.Display;
            start.Environment["SDL_VIDEODRIVER"] = "x11";
            start.Environment.Remove("WAYLAND_DISPLAY");
            var process = Process.Start(start)!;
            var game = new GameProcess(process, xvfb, workingDirectory);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (game._output)
                    {
                        game._output.Add(e.Data);
                    }
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (game._output)
                    {
                        game._output.Add("stderr: " + e.Data);
                    }
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return game;
        }

        public string FindWindow(string title)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Patience)
            {
                try
                {
                    var found = _xvfb.XDoTool("search", "--name", $"^{title}$").Split('\n', StringSplitOptions.RemoveEmptyEntries);
                    if (found.Length > 0)
                    {
                        Thread.Sleep(500); // let the first frames be drawn
                        return found[0];
                    }
                }
                catch (InvalidOperationException)
                {
                    // not there yet: xdotool exits 1 when nothing matches
                }

                Assert.False(_process.HasExited, $"the game exited before its window appeared: {Log()}");
                Thread.Sleep(200);
            }

            throw new TimeoutException($"no window '{title}' within {Patience}: {Log()}");
        }

        public void Key(string window, string key)
        {
            _xvfb.XDoTool("windowfocus", "--sync", window);
            _xvfb.XDoTool("key", "--window", window, key);
        }

        public void Click(string window, Vector2 at)
        {
            _xvfb.XDoTool("mousemove", "--window", window, ((int)at.X).ToString(CultureInfo.InvariantCulture), ((int)at.Y).ToString(CultureInfo.InvariantCulture));
            Thread.Sleep(100);
            _xvfb.XDoTool("click", "1");
        }

        /// <summary>Presses F12 until the game saves a screenshot of one of <paramref name="screens"/> (the screen on top); returns which.</summary>
        public string Shot(params string[] screens)
        {
            var window = FindWindow("VmQuest");
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Patience)
            {
                var before = Directory.GetFiles(_shots, "vmquest-*.png").Length;
                Key(window, "F12");
                var wait = Stopwatch.StartNew();
                while (Directory.GetFiles(_shots, "vmquest-*.png").Length == before && wait.Elapsed < TimeSpan.FromSeconds(5))
                {
                    Thread.Sleep(50);
                }

                if (Newest() is { } newest && screens.Contains(newest))
                {
                    return newest;
                }

                Thread.Sleep(300);
            }

            throw new TimeoutException($"never reached the {string.Join(" or ", screens)} screen (last: {Newest()}): {Log()}");
        }

        public bool WaitForExit(TimeSpan patience) => _process.WaitForExit(patience);

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5_000);
            }

            _process.Dispose();
        }

        // The screen of the latest screenshot: the game numbers them vmquest-SCREEN-N.png, N counting up.
        private string? Newest() => Directory.GetFiles(_shots, "vmquest-*.png")
            .Select(f => Path.GetFileNameWithoutExtension(f).Split('-'))
            .Where(p => p.Length == 3 && int.TryParse(p[2], CultureInfo.InvariantCulture, out _))
            .OrderBy(p => int.Parse(p[2], CultureInfo.InvariantCulture))
            .Select(p => p[1])
            .LastOrDefault();

        private string Log()
        {
            lock (_output)
            {
                return string.Join(" | ", _output.TakeLast(10));
            }
        }
    }
}
