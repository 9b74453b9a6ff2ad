using VmQuest.Platform;
using VmQuest.Progress;
using VmQuest.Screens.Shell;
using VmQuest.Settings;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Screens.Shell;

/// <summary>
/// The shell's screens driven frame by frame with keys and clicks, as a player moves through them. In the SDL
/// collection (run alone): the settings tests switch the process-wide palette.
/// </summary>
[Collection(VmQuest.Tests.Game.Platform.SdlTestGroup.Name)]
public sealed class ShellNavigationTests
{
    [Fact]
    public void Keyboard_TitleToLevelsToBriefingToPlay_AndEscBackToTitle()
    {
        using var game = new ShellFixture();
        game.Idle();
        Assert.Equal("title", game.TopName);
        game.Press(Key.L);
        Assert.Equal("levels", game.TopName);
        game.Press(Key.Enter);
        var briefing = Assert.IsType<BriefingScreen>(game.Stack.Top);
        Assert.Equal("translate-split", briefing.Level.Id); // the campaign's first level
        game.Press(Key.Enter);
        Assert.Equal("play", game.TopName);
        Assert.Equal(["title", "levels", "briefing", "play"], game.Stack.Names);
        game.Press(Key.Escape);
        game.Press(Key.Escape);
        game.Press(Key.Escape);
        Assert.Equal("title", game.TopName);
        game.Press(Key.Escape);
        Assert.False(game.Stack.IsRunning);
    }

    [Fact]
    public void Mouse_ClickLevels_ClickCard_ClickStart_OpensThePlayScreen()
    {
        using var game = new ShellFixture();
        game.Idle();
        var title = Assert.IsType<TitleScreen>(game.Stack.Top);
        game.Click(title.Menu.Areas[title.Menu.Choices.ToList().FindIndex(c => c.Id == "levels")].Centre);
        var levels = Assert.IsType<LevelSelectScreen>(game.Stack.Top);
        game.Idle();
        game.Click(levels.Cards[0].Centre);
        var briefing = Assert.IsType<BriefingScreen>(game.Stack.Top);
        game.Click(briefing.StartButton(game.Shell.Ui).Centre);
        Assert.Equal("play", game.TopName);
    }

    [Fact]
    public void PlayScreen_OnTop_StopsMenuTime_AndLeavingItStartsItAgain()
    {
        using var game = new ShellFixture();
        game.Press(Key.C); // continue: the first level not won yet, straight to its briefing
        Assert.Equal("briefing", game.TopName);
        game.Press(Key.Enter);
        game.Press(Key.Escape);
        Assert.Equal(["MenuEntered", "MenuLeft", "MenuEntered"], game.Progress.Calls.Where(c => c.StartsWith("Menu", StringComparison.Ordinal)));
    }

    [Fact]
    public void Title_Campaign_StartsOneRunOverTheCurriculumAtItsFirstBriefing()
    {
        using var game = new ShellFixture();
        game.Idle();
        game.Press(Key.A);

        var briefing = Assert.IsType<BriefingScreen>(game.Stack.Top);
        Assert.Equal(Curriculum.CampaignOrder[0], briefing.Level.Id);
        var started = Assert.Single(game.Progress.Calls, c => c.StartsWith("CampaignStarted", StringComparison.Ordinal));
        var present = game.Shell.Catalog.Select(e => e.Level?.Id).ToHashSet();
        Assert.Equal($"CampaignStarted main {string.Join(',', Curriculum.CampaignOrder.Where(present.Contains))}", started);
    }

    [Fact]
    public void Title_BackFromACampaignRun_GivesItUp()
    {
        using var game = new ShellFixture();
        game.Idle();
        game.Press(Key.A);
        game.Press(Key.Escape);   // the briefing, back to the title

        Assert.Equal("title", game.TopName);
        game.Idle();
        Assert.Contains("CampaignAbandoned", game.Progress.Calls);
        Assert.Null(game.Progress.CampaignNextLevel);
    }

    [Fact]
    public void Title_DailyChallenge_OpensTodaysBriefing()
    {
        using var game = new ShellFixture();
        game.Idle();
        game.Press(Key.D);

        var briefing = Assert.IsType<BriefingScreen>(game.Stack.Top);
        Assert.Equal(VmQuest.Daily.DailyLevel.IdOf(DateOnly.FromDateTime(DateTime.UtcNow)), briefing.Level.Id);
    }

    [Fact]
    public void Title_EveryLevelWon_ContinueIsDisabled()
    {
        using var game = new ShellFixture();
        WinEveryLevel(game, attempts: 2);
        var title = new TitleScreen(game.Shell);
        Assert.False(title.Menu.Choices.Single(c => c.Id == "continue").Enabled);
    }

    [Fact]
    public void Title_LevelWonWhileAway_ContinueIsDisabledOnReturn()
    {
        using var game = new ShellFixture();
        game.Idle();
        game.Press(Key.L);
        WinEveryLevel(game, attempts: 1);
        game.Press(Key.Escape);
        game.Idle();
        var title = Assert.IsType<TitleScreen>(game.Stack.Top);
        Assert.False(title.Menu.Choices.Single(c => c.Id == "continue").Enabled);
    }

    [Fact]
    public void Settings_ChangeLanguage_AppliesAtOnce_AndIsSaved()
    {
        using var game = new ShellFixture();
        game.Press(Key.O);
        Assert.Equal("settings", game.TopName);
        game.Press(Key.Right);
        Assert.Equal("zh-Hans", game.Shell.Ui.Language);
        Assert.Equal("zh-Hans", SettingsStore.Open(SettingsStore.PathIn(game.DataDirectory)).Current.Language);
        game.Press(Key.Down);
        game.Press(Key.Enter);
        Assert.Same(PaletteScheme.Classic, Palette.Scheme);
        game.Press(Key.Down);
        game.Press(Key.Left);
        Assert.Equal(0.75f, game.Shell.Ui.Scale);
        game.Press(Key.Escape);
        Assert.Equal("title", game.TopName);
        Assert.Equal(new GameSettings("zh-Hans", PaletteScheme.Classic, 75, SimulationSpeed.Normal), SettingsStore.Open(SettingsStore.PathIn(game.DataDirectory)).Current);
    }

    [Fact]
    public void Settings_LanguageFromCommandLine_IsShownAndNotSavedUntilChanged()
    {
        using var game = new ShellFixture(language: "zh-Hans");
        Assert.Equal("zh-Hans", game.Shell.Ui.Language);
        Assert.False(File.Exists(SettingsStore.PathIn(game.DataDirectory)));
        game.Press(Key.O);
        game.Press(Key.Right); // from what the player sees (Chinese) to English
        Assert.Equal("en", game.Shell.Ui.Language);
        Assert.Null(game.Shell.LanguageOverride);
    }

    [Fact]
    public void Ui_ScaleBeyondWhatTheWindowHolds_IsShownAtTheLargestThatFits()
    {
        using var game = new ShellFixture();
        game.Shell.ChangeSettings(game.Settings.Current with { ScalePercent = 200 });
        Assert.Equal(ShellContext.MaxScaleOverFit, game.Shell.Ui.Scale); // 1280 × 720: 150 % at most
        Assert.Equal(200, game.Settings.Current.ScalePercent); // the setting itself is kept for a bigger window
    }

    [Fact]
    public void SettingsScreen_Changed_CyclesEveryChoiceBothWays()
    {
        var start = GameSettings.Default;
        Assert.Equal("zh-Hans", SettingsScreen.Changed(start, "language", -1).Language);
        Assert.Equal(200, SettingsScreen.Changed(start with { ScalePercent = 75 }, "scale", -1).ScalePercent);
        Assert.Equal(SimulationSpeed.Fast, SettingsScreen.Changed(start, "speed", 1).Speed);
        Assert.Same(PaletteScheme.Classic, SettingsScreen.Changed(start, "palette", 1).Palette);
    }

    [Fact]
    public void LevelSelect_BrokenLevelFile_IsACardWithItsError_AndCannotBeOpened()
    {
        var folder = Directory.CreateTempSubdirectory("vmquest-levels-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "aaa-broken.yaml"), "id: broken\nversion: zero\n");
            var victim = Directory.CreateDirectory(Path.Combine(folder, "victim")).FullName;
            foreach (var file in Directory.GetFiles(Path.Combine(ShippedLevels.Directory, "victim")))
            {
                File.Copy(file, Path.Combine(victim, Path.GetFileName(file)));
            }

            using var game = new ShellFixture(levelDirectory: folder);
            game.Press(Key.L);
            var levels = Assert.IsType<LevelSelectScreen>(game.Stack.Top);
            Assert.Equal(2, levels.Entries.Count);
            Assert.Null(levels.Entries[1].Level); // shipped levels first, in teaching order (Curriculum)
            Assert.Contains("aaa-broken.yaml:", levels.Entries[1].Problem, StringComparison.Ordinal);
            Assert.Equal(0, levels.Selected); // the first level that loads is selected
            game.Press(Key.Right);
            game.Press(Key.Enter);
            Assert.Equal("levels", game.TopName); // a broken card opens nothing
            game.Press(Key.Left);
            game.Press(Key.Enter);
            Assert.Equal("briefing", game.TopName);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void LevelSelect_AfterPlaying_AsksTheRecordsAgain()
    {
        using var game = new ShellFixture();
        game.Press(Key.L);
        game.Idle();
        game.Draw();
        game.Idle();
        game.Draw();
        var asked = game.Progress.Calls.Count(c => c == "StandingOf victim-belady");
        game.Press(Key.Enter);
        Assert.Equal(asked, game.Progress.Calls.Count(c => c == "StandingOf victim-belady")); // not every frame
        game.Press(Key.Escape);
        game.Idle();
        game.Draw();
        Assert.True(game.Progress.Calls.Count(c => c == "StandingOf victim-belady") > asked);
    }

    [Fact]
    public void Briefing_H_ShowsTheHint_AndRecordsOpensAndCloses()
    {
        using var game = new ShellFixture();
        game.Press(Key.R);
        Assert.Equal("records", game.TopName);
        game.Frame(i => i.PressMouse(MouseButton.Right));
        Assert.Equal("title", game.TopName);
    }

    private static void WinEveryLevel(ShellFixture game, int attempts)
    {
        foreach (var id in Curriculum.ShippedOrder)
        {
            game.Progress.Standings[id] = new LevelStanding(id, attempts, true, [], 0, 0);
        }
    }
}
