using System.Numerics;
using VmQuest.Platform;
using VmQuest.Screens.Shell.Widgets;

namespace VmQuest.Tests.Game.Screens.Shell;

public sealed class ChoiceListTests
{
    private static ChoiceList List()
    {
        var list = new ChoiceList(
        [
            new("a", "Alpha", "甲", Key.A),
            new("later", "Later", "以后", Key.None, Enabled: false, Note: "Coming in a later version."),
            new("c", "Gamma", "丙", Key.G),
        ]);
        list.Layout(new RectF(0, 0, 200, 300), 100);
        return list;
    }

    private static InputState Frame(InputState input, Action<InputState> act)
    {
        input.BeginFrame();
        act(input);
        return input;
    }

    [Fact]
    public void Update_DownThenEnter_ChoosesTheNextEntry_EvenPastADisabledOne()
    {
        var list = List();
        var input = new InputState();
        list.Update(Frame(input, i => i.PressKey(Key.Down)));
        Assert.Equal(1, list.Selected);
        Assert.Null(list.Update(Frame(input, i => { i.ReleaseKey(Key.Down); i.PressKey(Key.Enter); })));
        Assert.Equal("Coming in a later version.", list.SelectedNote(VmQuest.Screens.Play.UiContext.Default));
        list.Update(Frame(input, i => { i.ReleaseKey(Key.Enter); i.PressKey(Key.Down); }));
        Assert.Equal("c", list.Update(Frame(input, i => { i.ReleaseKey(Key.Down); i.PressKey(Key.Enter); }))?.Id);
    }

    [Fact]
    public void Update_Shortcut_ChoosesDirectly() =>
        Assert.Equal("c", List().Update(Frame(new InputState(), i => i.PressKey(Key.G)))?.Id);

    [Fact]
    public void Update_UpFromTheFirst_WrapsToTheLast()
    {
        var list = List();
        list.Update(Frame(new InputState(), i => i.PressKey(Key.Up)));
        Assert.Equal(2, list.Selected);
    }

    [Fact]
    public void Update_PressAndReleaseOnAnEntry_ChoosesIt()
    {
        var list = List();
        var input = new InputState();
        list.Update(Frame(input, i => i.MoveMouse(new Vector2(50, 250))));
        Assert.Null(list.Update(Frame(input, i => i.PressMouse(MouseButton.Left))));
        Assert.Equal("c", list.Update(Frame(input, i => i.ReleaseMouse(MouseButton.Left)))?.Id);
    }

    [Fact]
    public void Update_ReleaseWithoutAPressHere_IsNoClick()
    {
        // The press that opened this screen happened on the screen before: its release must not choose anything.
        var list = List();
        var input = new InputState();
        Frame(input, i => { i.MoveMouse(new Vector2(50, 50)); i.PressMouse(MouseButton.Left); });
        Assert.Null(list.Update(Frame(input, i => i.ReleaseMouse(MouseButton.Left))));
    }

    [Fact]
    public void Update_ClickOnADisabledEntry_SelectsButDoesNotChoose()
    {
        var list = List();
        var input = new InputState();
        list.Update(Frame(input, i => i.MoveMouse(new Vector2(50, 150))));
        list.Update(Frame(input, i => i.PressMouse(MouseButton.Left)));
        Assert.Null(list.Update(Frame(input, i => i.ReleaseMouse(MouseButton.Left))));
        Assert.Equal(1, list.Selected);
    }
}
