using VmQuest.Platform;
using VmQuest.Progress;
using VmQuest.Screens;
using VmQuest.Screens.Play;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.Screens.Play;

[Collection(SdlTestGroup.Name)]
public sealed class ResultsScreenTests
{
    private static (ResultsScreen Screen, FakeProgress Progress, LevelResult Result) Won(PlayScreenOptions? options = null)
    {
        using var play = new PlayFixture();
        play.PlaySolution();
        var result = FakeProgress.ResultOf(play.Session, personalBest: 9);
        return (new ResultsScreen(result, play.Progress, options), play.Progress, result);
    }

    [Fact]
    public void WonResult_OffersRetrySaveWatchQuit_AndIsAMenu()
    {
        var (screen, _, _) = Won();
        Assert.Equal(["Retry", "Save replay", "Watch replay", "Quit"], screen.Items.Select(i => i.En));
        Assert.True(screen.IsMenu);
    }

    [Fact]
    public void NextLevelAndLevelSelect_AreOfferedWhenTheGameHasThem()
    {
        var (screen, _, _) = Won(new PlayScreenOptions { NextLevel = l => l, LevelSelect = () => new PauseScreenStub() });
        Assert.Equal(["Retry", "Next level", "Save replay", "Watch replay", "Level select", "Quit"], screen.Items.Select(i => i.En));
    }

    [Fact]
    public void S_SavesTheReplayIntoTheReplayFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vmquest-results-" + Guid.NewGuid().ToString("N"));
        var (screen, progress, result) = Won(new PlayScreenOptions { ReplayDirectory = folder });
        using var driver = new ScreenDriver(screen);

        Assert.Null(driver.Press(Key.S));

        var (saved, path) = Assert.Single(progress.Saved);
        Assert.Same(result, saved);
        Assert.Equal(folder, Path.GetDirectoryName(path));
        Assert.EndsWith(".vmqr", path, StringComparison.Ordinal);
        Assert.StartsWith("✓", screen.SaveNote, StringComparison.Ordinal);
    }

    [Fact]
    public void ShiftS_TypesAPath_EnterSavesThere_EscCancels()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vmquest-saveas-" + Guid.NewGuid().ToString("N"));
        var (screen, progress, _) = Won(new PlayScreenOptions { ReplayDirectory = folder });
        using var driver = new ScreenDriver(screen);

        driver.Press(Key.S, Key.LeftShift);
        Assert.StartsWith(folder, screen.SaveAsPath, StringComparison.Ordinal);
        driver.Press(Key.Escape);
        Assert.Null(screen.SaveAsPath);
        Assert.Empty(progress.Saved);

        driver.Press(Key.S, Key.LeftShift);
        for (var i = screen.SaveAsPath!.Length; i > 0; i--)
        {
            driver.Press(Key.Backspace);
        }

        var chosen = Path.Combine(folder, "mine.vmqrx");
        driver.Frame(input => input.AddText(chosen));
        driver.Press(Key.Backspace);
        driver.Press(Key.Enter);

        Assert.Equal(Path.Combine(folder, "mine.vmqr"), Assert.Single(progress.Saved).Path);
    }

    [Fact]
    public void W_WatchesTheVerifiedReplay_R_Retries()
    {
        var (screen, progress, _) = Won();
        using var driver = new ScreenDriver(screen);

        var watch = Assert.IsType<PlaybackScreen>(Assert.IsType<ScreenTransition.Push>(driver.Press(Key.W)).Screen);
        Assert.Null(watch.Refusal);
        var started = progress.Count("started");
        Assert.IsType<PlayScreen>(Assert.IsType<ScreenTransition.Replace>(driver.Press(Key.R)).Screen);
        Assert.Equal(started + 1, progress.Count("started"));
    }

    [Fact]
    public void NewRecordsAndRatios_ComeFromTheResult()
    {
        var (_, _, result) = Won();
        var faults = result.Metrics.Single(m => m.Name == "faults");
        Assert.True(faults.IsNewRecord);
        Assert.Equal(1.0, faults.RatioToOptimum);
    }

    private sealed class PauseScreenStub : IScreen
    {
        public string Name => "levels";

        public bool IsMenu => true;

        public bool IsOverlay => false;

        public ScreenTransition? Update(InputState input, UiContext ui) => null;

        public void Draw(IRenderBackend backend, UiContext ui)
        {
        }
    }
}
