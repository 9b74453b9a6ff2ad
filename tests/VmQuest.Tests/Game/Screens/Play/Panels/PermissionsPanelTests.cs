using System.Numerics;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Platform;
using VmQuest.Play.Permissions;
using VmQuest.Screens.Play;
using VmQuest.Screens.Play.Panels;
using VmQuest.Tests.Game.Play.Permissions;

namespace VmQuest.Tests.Game.Screens.Play.Panels;

public class PermissionsPanelTests
{
    internal static readonly RectF Area = new(0, 0, 640, 720);

    private static PermissionsSession Waiting()
    {
        var session = new PermissionsSession(PermissionsLevels.LeastPrivilege());
        session.Run();
        return session;
    }

    private static InputState Press(params Key[] keys)
    {
        var input = new InputState();
        input.BeginFrame();
        foreach (var key in keys)
        {
            input.PressKey(key);
        }

        return input;
    }

    private static string Line(PanelAction? action) =>
        action is null ? "none" : action.Kind + string.Concat(action.Arguments.Select(a => $" {a.Key}={a.Value}"));

    [Fact]
    public void Update_RBeforeTheRun_ProtectsTheChosenVmaWithReadToggled()
    {
        var panel = new PermissionsPanel();

        var action = panel.Update(Waiting(), Press(Key.R), Area, UiContext.Default, null);

        Assert.Equal("protect process=server vma=0x400000 perms=--x", Line(action));
    }

    [Fact]
    public void Update_TabThenDownThenX_ProtectsTheNextProcesssRodata()
    {
        var panel = new PermissionsPanel();
        var session = Waiting();
        panel.Update(session, Press(Key.Tab), Area, UiContext.Default, null);
        panel.Update(session, Press(Key.Down), Area, UiContext.Default, null);

        Assert.Equal("protect process=literal vma=0x402000 perms=r-x", Line(panel.Update(session, Press(Key.X), Area, UiContext.Default, null)));
    }

    [Fact]
    public void Update_ClickOnTheSecondTab_ChoosesThatProcess()
    {
        var panel = new PermissionsPanel();
        var session = Waiting();
        var input = new InputState();
        input.BeginFrame();
        input.MoveMouse(new Vector2(140, 72));
        input.PressMouse(MouseButton.Left);

        Assert.Null(panel.Update(session, input, Area, UiContext.Default, null));
        Assert.Equal("protect process=literal vma=0x400000 perms=--x", Line(panel.Update(session, Press(Key.R), Area, UiContext.Default, null)));
    }

    [Fact]
    public void Update_CityClickOnAStreet_ChoosesThatProcessAndVma()
    {
        var panel = new PermissionsPanel();
        var session = Waiting();
        var stack = session.VmasOf("viewer")[^1];

        panel.Update(session, Press(), Area, UiContext.Default, new CityClick(null, session.Pids["viewer"], stack.End - 8));

        Assert.Equal($"protect process=viewer vma=0x{stack.Start:x} perms=rwx", Line(panel.Update(session, Press(Key.X), Area, UiContext.Default, null)));
    }

    [Fact]
    public void Update_EnterBeforeTheRun_Runs()
    {
        Assert.Equal("run", Line(new PermissionsPanel().Update(Waiting(), Press(Key.Enter), Area, UiContext.Default, null)));
    }

    [Fact]
    public void Update_PendingRequest_GrantsWhatIsAskedLessWhatWasSwitchedOff()
    {
        var panel = new PermissionsPanel();
        var session = Waiting();
        session.StartRun();
        session.Run();
        Assert.Null(session.Grant(VmaPermissions.ReadWrite));
        session.Run();
        Assert.Equal(VmaPermissions.ReadWrite | VmaPermissions.Execute, session.Pending!.Requested);

        Assert.Null(panel.Update(session, Press(Key.X), Area, UiContext.Default, null));
        Assert.Equal("grant perms=rw-", Line(panel.Update(session, Press(Key.Enter), Area, UiContext.Default, null)));
    }

    [Fact]
    public void Controls_EveryOne_HasBothLanguages()
    {
        Assert.All(new PermissionsPanel().Controls, c => Assert.False(string.IsNullOrWhiteSpace(c.WhatZh) || c.WhatZh == c.What));
    }
}
