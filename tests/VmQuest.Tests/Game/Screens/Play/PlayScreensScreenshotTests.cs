using VmQuest.Engine.Kernel.Memory;
using VmQuest.Platform;
using VmQuest.Screens;
using VmQuest.Screens.Play;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.Screens.Play;

/// <summary>
/// Every screen of this part rendered headless in both languages and saved as a PNG (to $VMQUEST_SCREENSHOTS, else a
/// temporary folder) for a person to look at; each must draw something of each role it shows, not a blank frame.
/// </summary>
[Collection(SdlTestGroup.Name)]
public sealed class PlayScreensScreenshotTests
{
    public static TheoryData<string> Languages => new() { "en", "zh-Hans" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void PlayScreen_WithARefusalAndTheHint_DrawsCityPanelBarsAndBanner(string language)
    {
        using var play = new PlayFixture(new UiContext(language, 1f));
        play.Driver.Press(Key.D1);
        play.Driver.Press(Key.Tab);
        var kernel = play.Session.Kernel;
        var table = Enumerable.Range(0, kernel.Frames.Count).Select(f => (ulong)f).First(f => kernel.UseOf(f) == FrameUse.PageTable);
        play.Driver.Click(play.LotCentre(table));

        var path = play.Driver.Save($"play-{language}");
        var pixels = play.Driver.Pixels();
        var layout = PlayScreenLayout.For(1280, 720, play.Driver.Ui);
        var banner = play.Screen.BannerArea(play.Driver.Ui);
        PixelAssert.IsColour(pixels, 1280, (int)banner.X + 1, (int)banner.Y + 1, Palette.Fault);
        PixelAssert.IsColour(pixels, 1280, (int)layout.Panel.Right - 3, (int)layout.Panel.Bottom - 3, Palette.HudBackground);
        Assert.True(new FileInfo(path).Length > 10_000);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void PauseOverlay_DrawsOverThePlayScreen(string language)
    {
        using var play = new PlayFixture(new UiContext(language, 1f));
        var pause = (PauseScreen)((ScreenTransition.Push)play.Driver.Press(Key.Escape)!).Screen;
        using var overlay = new ScreenDriver(new Overlaid(play.Screen, pause), play.Driver);
        Assert.True(new FileInfo(overlay.Save($"pause-{language}")).Length > 10_000);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Results_DrawEveryMetricsBar(string language)
    {
        using var play = new PlayFixture();
        play.PlaySolution();
        var result = FakeProgress.ResultOf(play.Session, personalBest: 9);
        using var driver = new ScreenDriver(new ResultsScreen(result, play.Progress), play.Driver, new UiContext(language, 1f));
        var path = driver.Save($"results-{language}");
        Assert.True(new FileInfo(path).Length > 10_000);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Playback_MidReplay_DrawsTheDecisionsSoFar(string language)
    {
        var level = VmQuest.Tests.Game.Play.ShippedLevels.Belady();
        var replay = VmQuest.Replays.ReplayReader.Read(Path.Combine(level.Folder, "belady.solution.vmqr"));
        using var driver = new ScreenDriver(new PlaybackScreen(replay, level, paused: true), new UiContext(language, 1f));
        ((PlaybackScreen)driver.Screen).RunTicks(7);
        driver.Frame();
        Assert.True(new FileInfo(driver.Save($"replay-{language}")).Length > 10_000);
    }

    [Fact]
    public void PlayScreen_AtUiScale125_StillLaysOutWithoutOverlap()
    {
        var ui = new UiContext("en", 1.25f);
        using var play = new PlayFixture(ui);
        var layout = PlayScreenLayout.For(1280, 720, ui);
        Assert.True(layout.City.Right <= layout.Panel.X);
        Assert.True(layout.Panel.Bottom <= layout.Timeline.Y);
        Assert.True(layout.Timeline.Bottom <= layout.KeyBar.Y);
        Assert.True(new FileInfo(play.Driver.Save("play-en-125")).Length > 10_000);
    }

    // The screen stack draws the screen below an overlay first; this does the same for one picture.
    private sealed class Overlaid(IScreen below, IScreen top) : IScreen
    {
        public string Name => top.Name;

        public bool IsMenu => top.IsMenu;

        public bool IsOverlay => false;

        public ScreenTransition? Update(InputState input, UiContext ui) => top.Update(input, ui);

        public void Draw(IRenderBackend backend, UiContext ui)
        {
            below.Draw(backend, ui);
            top.Draw(backend, ui);
        }
    }
}
