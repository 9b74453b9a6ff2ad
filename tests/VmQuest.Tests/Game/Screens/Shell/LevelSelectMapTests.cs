using VmQuest.Platform;
using VmQuest.Progress;
using VmQuest.Screens.Shell;
using VmQuest.Settings;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Screens.Shell;

/// <summary>The level select as the campaign map: locked cards refuse and say why, progress opens them, Continue follows it.</summary>
[Collection(VmQuest.Tests.Game.Platform.SdlTestGroup.Name)]
public sealed class LevelSelectMapTests
{
    private static void Win(ShellFixture game, params string[] ids)
    {
        foreach (var id in ids)
        {
            game.Progress.Standings[id] = new LevelStanding(id, 1, true, [], 0, 0);
        }
    }

    private static LevelSelectScreen OpenLevels(ShellFixture game)
    {
        game.Idle();
        game.Press(Key.L);
        return Assert.IsType<LevelSelectScreen>(game.Stack.Top);
    }

    private static int IndexOf(LevelSelectScreen levels, string id) => levels.Entries.ToList().FindIndex(e => e.Level?.Id == id);

    private static void SelectAndEnter(ShellFixture game, LevelSelectScreen levels, string id)
    {
        var index = IndexOf(levels, id);
        while (levels.Selected < index)
        {
            game.Press(Key.Right);
        }

        game.Press(Key.Enter);
    }

    [Fact]
    public void LockedCard_Enter_StaysAndSaysWhatOpensIt_InBothLanguages()
    {
        using var game = new ShellFixture();
        var levels = OpenLevels(game);

        Assert.Equal(["translate-split"], levels.LockedBy(IndexOf(levels, "translate-walk")).Select(l => l.Id));
        SelectAndEnter(game, levels, "translate-walk");

        Assert.Equal("levels", game.TopName);
        var (en, zh) = levels.Status!.Value;
        Assert.Equal("“Walk the tables” is locked. Opens after you clear: 1. Split the address.", en);
        Assert.Equal("“走一遍页表”尚未解锁。通关以下关卡后开放：1. 拆分地址。", zh);
    }

    [Fact]
    public void LockedCard_Click_OpensNothing()
    {
        using var game = new ShellFixture();
        var levels = OpenLevels(game);
        game.Idle();
        var walk = IndexOf(levels, "translate-walk");
        Assert.True(walk < levels.Cards.Count, "the card is not on the first page");

        game.Click(levels.Cards[walk].Centre);

        Assert.Equal("levels", game.TopName);
        Assert.NotNull(levels.Status);
    }

    [Fact]
    public void OpenCards_AtTheStart_SeveralOpenOnes_AndTheFirstOpensItsBriefing()
    {
        using var game = new ShellFixture();
        var levels = OpenLevels(game);

        var open = Enumerable.Range(0, levels.Entries.Count).Where(i => levels.LockedBy(i).Count == 0).Select(i => levels.Entries[i].Level!.Id).ToList();
        Assert.Contains("translate-split", open);
        Assert.Contains("permissions-least-privilege", open);
        Assert.Contains("victim-belady", open);
        Assert.DoesNotContain("translate-walk", open);
        game.Press(Key.Enter);
        Assert.Equal("translate-split", Assert.IsType<BriefingScreen>(game.Stack.Top).Level.Id);
    }

    [Fact]
    public void ClearedPrerequisite_OpensTheNextLevels()
    {
        using var game = new ShellFixture();
        Win(game, "translate-split");
        var levels = OpenLevels(game);

        Assert.Empty(levels.LockedBy(IndexOf(levels, "translate-walk")));
        Assert.NotEmpty(levels.LockedBy(IndexOf(levels, "translate-five-levels")));
        SelectAndEnter(game, levels, "translate-walk");
        Assert.Equal("translate-walk", Assert.IsType<BriefingScreen>(game.Stack.Top).Level.Id);
    }

    [Fact]
    public void UnlockAll_FromTheCommandLine_EveryCardOpens()
    {
        using var game = new ShellFixture(unlockAll: true);
        var levels = OpenLevels(game);

        Assert.All(Enumerable.Range(0, levels.Entries.Count), i => Assert.Empty(levels.LockedBy(i)));
        SelectAndEnter(game, levels, "translate-five-levels");
        Assert.Equal("briefing", game.TopName);
    }

    [Fact]
    public void UnlockAll_FromTheSettingsScreen_IsSavedAndOpensEveryLevel()
    {
        using var game = new ShellFixture();
        game.Press(Key.O);
        var settings = Assert.IsType<SettingsScreen>(game.Stack.Top);
        while (settings.Selected < 4)
        {
            game.Press(Key.Down);
        }

        game.Press(Key.Enter);

        Assert.True(game.Shell.UnlockAll);
        Assert.True(SettingsStore.Open(SettingsStore.PathIn(game.DataDirectory)).Current.UnlockAll);
        Assert.Empty(game.Shell.LockedBy(ShippedLevels.All().Single(l => l.Id == "policy-aging"), game.Progress.StandingOf));
    }

    [Fact]
    public void Continue_NoProgress_OpensTheCampaignsFirstLevel()
    {
        using var game = new ShellFixture();
        game.Idle();
        game.Press(Key.C);

        Assert.Equal("translate-split", Assert.IsType<BriefingScreen>(game.Stack.Top).Level.Id);
    }

    [Fact]
    public void Continue_SomeWon_OpensTheFirstOpenLevelNotWon()
    {
        using var game = new ShellFixture();
        Win(game, [.. Curriculum.CampaignOrder.Except(["translate-walk", "translate-five-levels", "translate-tlb-locality"])]);
        game.Idle();
        game.Press(Key.C);

        Assert.Equal("translate-walk", Assert.IsType<BriefingScreen>(game.Stack.Top).Level.Id);
    }
}
