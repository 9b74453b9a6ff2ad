using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Screens.Play;
using VmQuest.Screens.Play.Panels;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Screens.Play.Panels;

public sealed class VictimPanelTests
{
    private static readonly RectF Area = new(900, 58, 380, 608);

    private static VictimSession AtFirstDecision()
    {
        var session = new VictimSession(ShippedLevels.Belady());
        session.Run();
        return session;
    }

    private static InputState Pressed(Key key)
    {
        var input = new InputState();
        input.BeginFrame();
        input.PressKey(key);
        return input;
    }

    [Fact]
    public void RowsOf_FirstDecision_ListsPages123WithTheirLastAndNextUse()
    {
        // 1 2 3 4 1 2 5 1 2 3 4 5: at reference 3 (page 4) pages 1, 2, 3 were last used at 0, 1, 2 and come back at 4, 5, 9.
        var rows = VictimPanel.RowsOf(AtFirstDecision());
        Assert.Equal([1UL, 2UL, 3UL], rows.Select(r => r.Page).Order());
        var byPage = rows.ToDictionary(r => r.Page);
        Assert.Equal((0, 4), (byPage[1].LastUse!.Value, byPage[1].NextUse!.Value));
        Assert.Equal((1, 5), (byPage[2].LastUse!.Value, byPage[2].NextUse!.Value));
        Assert.Equal((2, 9), (byPage[3].LastUse!.Value, byPage[3].NextUse!.Value));
    }

    [Fact]
    public void RowsOf_PageNeverUsedAgain_HasNoNextUse()
    {
        var session = AtFirstDecision();
        var play = new LevelPlay(ShippedLevels.Belady());
        while (!play.Session.IsFinished && play.Session.Tick < 10)
        {
            var victim = (VictimSession)play.Session;
            play.Act("victim", [new("frame", VictimPanel.RowsOf(victim)[0].Frame.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        Assert.Contains(VictimPanel.RowsOf((VictimSession)play.Session), r => r.NextUse is null);
        Assert.NotNull(session);
    }

    [Fact]
    public void Update_NumberKey_EvictsThatRow()
    {
        var session = AtFirstDecision();
        var panel = new VictimPanel();
        var action = panel.Update(session, Pressed(Key.D2), Area, UiContext.Default, null);
        Assert.NotNull(action);
        Assert.Equal("victim", action.Kind);
        Assert.Equal(VictimPanel.RowsOf(session)[1].Frame.ToString(System.Globalization.CultureInfo.InvariantCulture), action.Arguments.Single().Value);
    }

    [Fact]
    public void Update_ArrowsThenEnter_EvictTheCursorRow()
    {
        var session = AtFirstDecision();
        var panel = new VictimPanel();
        Assert.Null(panel.Update(session, Pressed(Key.Down), Area, UiContext.Default, null));
        Assert.Null(panel.Update(session, Pressed(Key.Down), Area, UiContext.Default, null));
        var action = panel.Update(session, Pressed(Key.Enter), Area, UiContext.Default, null);
        Assert.Equal(VictimPanel.RowsOf(session)[2].Frame.ToString(System.Globalization.CultureInfo.InvariantCulture), action!.Arguments.Single().Value);
    }

    [Fact]
    public void Update_ClickOnARow_EvictsIt()
    {
        var session = AtFirstDecision();
        var panel = new VictimPanel();
        var input = new InputState();
        input.BeginFrame();
        input.MoveMouse(VictimPanel.RowRect(Area, 0, UiContext.Default).Centre);
        input.PressMouse(MouseButton.Left);
        var action = panel.Update(session, input, Area, UiContext.Default, null);
        Assert.Equal(VictimPanel.RowsOf(session)[0].Frame.ToString(System.Globalization.CultureInfo.InvariantCulture), action!.Arguments.Single().Value);
    }

    [Fact]
    public void Update_CityClickOnAnyLot_IsAVictimChoiceTheSessionJudges()
    {
        var session = AtFirstDecision();
        var action = new VictimPanel().Update(session, new InputState(), Area, UiContext.Default, new CityClick(0, 0, null));
        Assert.Equal("0", action!.Arguments.Single().Value);
    }

    [Fact]
    public void Update_Tab_TogglesTheNextUseHint()
    {
        var session = AtFirstDecision();
        var panel = new VictimPanel();
        Assert.False(panel.ShowsNextUse);
        panel.Update(session, Pressed(Key.Tab), Area, UiContext.Default, null);
        Assert.True(panel.ShowsNextUse);
    }

    [Fact]
    public void Controls_HaveBothLanguages()
    {
        foreach (var control in new VictimPanel().Controls)
        {
            Assert.False(string.IsNullOrWhiteSpace(control.WhatZh));
            Assert.NotEqual(control.What, control.WhatZh);
        }
    }
}
