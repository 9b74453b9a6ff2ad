using System.Numerics;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Screens;
using VmQuest.Screens.Play;
using VmQuest.Screens.Play.Panels;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.Screens.Play;

[Collection(SdlTestGroup.Name)]
public sealed class PlayScreenTests
{
    [Fact]
    public void Open_NewAttempt_TellsLevelStartedAndWaitsAtTheFirstDecision()
    {
        using var play = new PlayFixture();
        Assert.Equal(["started"], play.Progress.Calls);
        Assert.True(play.Session.IsWaiting);
        Assert.Equal(3, play.Session.Tick);
        Assert.NotNull(play.Screen.City);
    }

    [Fact]
    public void NumberKey_EvictsThatRowsPage_TheActionEntersTheSessionAndIsAnInput()
    {
        using var play = new PlayFixture();
        var first = VictimPanel.RowsOf(play.Session)[0];

        play.Driver.Press(Key.D1);

        var action = Assert.Single(play.Session.AppliedActions);
        Assert.Equal("victim", action.Kind);
        Assert.Equal(first.Frame.ToString(System.Globalization.CultureInfo.InvariantCulture), action.Arguments[0].Value);
        Assert.Contains("acted", play.Progress.Calls);
    }

    [Fact]
    public void ClickOnAResidentLot_EvictsItsPage()
    {
        using var play = new PlayFixture();
        var frame = VictimPanel.RowsOf(play.Session)[1].Frame;

        play.Driver.Click(play.LotCentre(frame));

        Assert.Equal(0, play.Session.Mistakes);
        Assert.Equal($"{frame}", Assert.Single(play.Session.AppliedActions).Arguments[0].Value);
    }

    [Fact]
    public void ClickOnAPageTableLot_IsRefusedAndTheBannerShowsWhy()
    {
        using var play = new PlayFixture();
        var kernel = play.Session.Kernel;
        var table = Enumerable.Range(0, kernel.Frames.Count).Select(f => (ulong)f).First(f => kernel.UseOf(f) == FrameUse.PageTable);

        play.Driver.Click(play.LotCentre(table));

        Assert.Equal(1, play.Session.Mistakes);
        Assert.Contains("page table", play.Session.LastRefusal, StringComparison.Ordinal);
        var banner = play.Screen.BannerArea(play.Driver.Ui);
        PixelAssert.IsColour(play.Driver.Pixels(), 1280, (int)banner.X + 1, (int)banner.Y + 1, Palette.Fault);
    }

    [Fact]
    public void U_And_CtrlZ_TakeBackTheLastDecision()
    {
        using var play = new PlayFixture();
        play.Driver.Press(Key.D1);
        play.Driver.Press(Key.D1);
        Assert.Equal(2, play.Session.AppliedActions.Count);

        play.Driver.Press(Key.U);
        Assert.Single(play.Session.AppliedActions);
        play.Driver.Press(Key.Z, Key.LeftControl);
        Assert.Empty(play.Session.AppliedActions);
        Assert.True(play.Session.IsWaiting);
        Assert.Equal(3, play.Session.Tick);
    }

    [Fact]
    public void Brackets_GoBackADecisionAndForwardAgain()
    {
        using var play = new PlayFixture();
        play.Driver.Press(Key.D1);
        play.Driver.Press(Key.D2);
        var path = play.Session.AppliedActions.ToList();

        play.Driver.Press(Key.LeftBracket);
        Assert.Single(play.Session.AppliedActions);
        play.Driver.Press(Key.LeftBracket);
        Assert.Empty(play.Session.AppliedActions);
        play.Driver.Press(Key.RightBracket);
        play.Driver.Press(Key.RightBracket);

        Assert.Equal(path, play.Session.AppliedActions, ReplayActionComparer.Instance);
    }

    [Fact]
    public void TimelineClickAtTheStart_RewindsToTheFirstDecision()
    {
        using var play = new PlayFixture();
        play.Driver.Press(Key.D1);
        play.Driver.Press(Key.D1);
        var bar = VmQuest.Screens.Play.Widgets.Timeline.BarOf(PlayScreenLayout.For(1280, 720, play.Driver.Ui).Timeline, play.Driver.Ui);

        play.Driver.Click(new Vector2(bar.X + 1, bar.Centre.Y));

        Assert.Empty(play.Session.AppliedActions);
        Assert.True(play.Session.IsWaiting);
        Assert.Equal(3, play.Session.Tick);
    }

    [Fact]
    public void TheCitysEventLog_SeesTheSessionsEvents_AndItsFaultCountIsTheSessions()
    {
        using var play = new PlayFixture();
        var before = play.Screen.City!.Simulation.Log.Total;

        play.Driver.Press(Key.D1);

        Assert.True(play.Screen.City.Simulation.Log.Total > before, "the event log saw nothing of the decision's tick");
        Assert.Equal(play.Session.Counters.Faults, play.Screen.City.Simulation.Driver.FaultCount);
    }

    [Fact]
    public void PlayingTheSolution_FinishesOnce_ThenEnterOpensTheResults()
    {
        using var play = new PlayFixture();

        play.PlaySolution();
        Assert.True(play.Session.IsWon);
        play.Driver.Frame();
        Assert.Equal(1, play.Progress.Count("finished"));
        var transition = play.Driver.Press(Key.Enter);

        var results = Assert.IsType<ResultsScreen>(Assert.IsType<ScreenTransition.Replace>(transition).Screen);
        Assert.True(results.Result.Won);
        Assert.Equal(7, results.Result.Metrics.Single(m => m.Name == "faults").Value);
        Assert.Equal(1, play.Progress.Count("finished"));
        Assert.Equal(0, play.Progress.Count("abandoned"));
    }

    [Fact]
    public void FinishedCity_GoesToTheResultsByItself()
    {
        using var play = new PlayFixture();
        play.PlaySolution();
        ScreenTransition? transition = null;
        for (var i = 0; i <= PlayScreen.FinishedPauseFrames + 1 && transition is null; i++)
        {
            transition = play.Driver.Frame();
        }

        Assert.IsType<ResultsScreen>(Assert.IsType<ScreenTransition.Replace>(transition).Screen);
    }

    [Theory]
    [InlineData(Key.Escape)]
    [InlineData(Key.P)]
    public void EscapeOrP_OpensThePauseOverlay(Key key)
    {
        using var play = new PlayFixture();
        var pause = Assert.IsType<PauseScreen>(Assert.IsType<ScreenTransition.Push>(play.Driver.Press(key)).Screen);
        Assert.True(pause.IsMenu);
        Assert.True(pause.IsOverlay);
    }

    [Fact]
    public void PauseQuit_ClosesTheOverlay_ThenThePlayScreenAbandonsTheAttemptAndQuits()
    {
        using var play = new PlayFixture();
        var pause = (PauseScreen)((ScreenTransition.Push)play.Driver.Press(Key.Escape)!).Screen;
        using var overlay = new ScreenDriver(pause, play.Driver);

        Assert.IsType<ScreenTransition.Pop>(overlay.Press(Key.Q));
        Assert.IsType<ScreenTransition.Quit>(play.Driver.Frame());
        Assert.Equal(1, play.Progress.Count("abandoned"));
    }

    [Fact]
    public void PauseRestart_AbandonsThenStartsANewAttempt()
    {
        using var play = new PlayFixture();
        play.Driver.Press(Key.D1);
        var pause = (PauseScreen)((ScreenTransition.Push)play.Driver.Press(Key.Escape)!).Screen;
        using var overlay = new ScreenDriver(pause, play.Driver);

        overlay.Press(Key.R);
        var fresh = Assert.IsType<PlayScreen>(Assert.IsType<ScreenTransition.Replace>(play.Driver.Frame()).Screen);

        Assert.Empty(fresh.Play.Session.AppliedActions);
        var abandoned = play.Progress.Calls.IndexOf("abandoned");
        Assert.True(abandoned >= 0 && play.Progress.Calls.LastIndexOf("started") > abandoned, string.Join(",", play.Progress.Calls));
    }

    [Fact]
    public void PauseEscape_Resumes_AndOffersNoLevelSelectWithoutOne()
    {
        using var play = new PlayFixture();
        var pause = (PauseScreen)((ScreenTransition.Push)play.Driver.Press(Key.Escape)!).Screen;
        using var overlay = new ScreenDriver(pause, play.Driver);

        Assert.DoesNotContain(pause.Items, i => i.En == "Level select");
        Assert.IsType<ScreenTransition.Pop>(overlay.Press(Key.Escape));
        Assert.Null(play.Driver.Frame());
        Assert.Equal(0, play.Progress.Count("abandoned"));
    }

    [Fact]
    public void PlusAndMinus_SetTheAnimationSpeed()
    {
        using var play = new PlayFixture();
        play.Driver.Press(Key.EqualsSign);
        play.Driver.Press(Key.EqualsSign);
        Assert.Equal(4, play.Screen.AnimationSpeed);
        play.Driver.Press(Key.Minus);
        Assert.Equal(2, play.Screen.AnimationSpeed);
        Assert.Equal(2, play.Screen.City!.View.AnimationSteps);
    }

    private sealed class ReplayActionComparer : IEqualityComparer<VmQuest.Replays.ReplayAction>
    {
        public static ReplayActionComparer Instance { get; } = new();

        public bool Equals(VmQuest.Replays.ReplayAction? x, VmQuest.Replays.ReplayAction? y) =>
            x is not null && y is not null && x.Tick == y.Tick && x.Kind == y.Kind && x.Arguments.SequenceEqual(y.Arguments);

        public int GetHashCode(VmQuest.Replays.ReplayAction obj) => obj.Tick.GetHashCode();
    }
}
