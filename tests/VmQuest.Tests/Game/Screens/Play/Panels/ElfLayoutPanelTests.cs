using System.Numerics;
using VmQuest.Platform;
using VmQuest.Play.ElfLayout;
using VmQuest.Screens.Play;
using VmQuest.Screens.Play.Panels;
using VmQuest.Tests.Game.Play.ElfLayout;

namespace VmQuest.Tests.Game.Screens.Play.Panels;

public class ElfLayoutPanelTests
{
    private static readonly RectF Area = new(0, 0, 640, 720);

    private static ElfLayoutSession Waiting()
    {
        var session = new ElfLayoutSession(ElfLayoutSessionTests.Greet());
        session.Run();
        return session;
    }

    private static InputState Frame(string text = "", params Key[] keys)
    {
        var input = new InputState();
        input.BeginFrame();
        input.AddText(text);
        foreach (var key in keys)
        {
            input.PressKey(key);
        }

        return input;
    }

    private static string Line(PanelAction? action) =>
        action is null ? "none" : action.Kind + string.Concat(action.Arguments.Select(a => $" {a.Key}={a.Value}"));

    [Fact]
    public void Update_TypedHexThenEnter_PlacesTheStartOfTheFirstMapping()
    {
        var panel = new ElfLayoutPanel();
        var session = Waiting();
        panel.Update(session, Frame("40"), Area, UiContext.Default, null);
        panel.Update(session, Frame("0000"), Area, UiContext.Default, null);

        Assert.Equal("400000", panel.Typed);
        Assert.Equal("place mapping=0 field=start value=0x400000", Line(panel.Update(session, Frame("", Key.Enter), Area, UiContext.Default, null)));
        Assert.Equal("", panel.Typed);
    }

    [Fact]
    public void Update_PermsCell_RwxKeysToggleThenEnterPlaces()
    {
        var panel = new ElfLayoutPanel();
        var session = Waiting();
        panel.Update(session, Frame("", Key.Down), Area, UiContext.Default, null);
        panel.Update(session, Frame("", Key.Right), Area, UiContext.Default, null);
        panel.Update(session, Frame("", Key.Right), Area, UiContext.Default, null);
        panel.Update(session, Frame("", Key.Right), Area, UiContext.Default, null);
        panel.Update(session, Frame("", Key.Left), Area, UiContext.Default, null);
        panel.Update(session, Frame("", Key.R), Area, UiContext.Default, null);
        panel.Update(session, Frame("", Key.X), Area, UiContext.Default, null);

        Assert.Equal("place mapping=1 field=perms value=r-x", Line(panel.Update(session, Frame("", Key.Enter), Area, UiContext.Default, null)));
    }

    [Fact]
    public void Update_SourceCell_ZMeansZeroFillAndHexMeansAFileOffset()
    {
        var panel = new ElfLayoutPanel();
        var session = Waiting();
        panel.Update(session, Frame("", Key.Left), Area, UiContext.Default, null);
        panel.Update(session, Frame("", Key.Z), Area, UiContext.Default, null);
        Assert.Equal("place mapping=0 field=source value=zero", Line(panel.Update(session, Frame("", Key.Enter), Area, UiContext.Default, null)));

        panel.Update(session, Frame("2000"), Area, UiContext.Default, null);
        Assert.Equal("place mapping=0 field=source value=file@0x2000", Line(panel.Update(session, Frame("", Key.Enter), Area, UiContext.Default, null)));
    }

    [Fact]
    public void Update_ClickOnACell_ChoosesItAndF5Runs()
    {
        var panel = new ElfLayoutPanel();
        var session = Waiting();
        var input = Frame();
        // Mapping 2's end cell: rows start below the five program headers.
        input.MoveMouse(new Vector2(300, 285));
        input.PressMouse(MouseButton.Left);
        panel.Update(session, input, Area, UiContext.Default, null);
        panel.Update(session, Frame("403000"), Area, UiContext.Default, null);

        Assert.Equal("place mapping=2 field=end value=0x403000", Line(panel.Update(session, Frame("", Key.Enter), Area, UiContext.Default, null)));
        Assert.Equal("run", Line(panel.Update(session, Frame("", Key.F5), Area, UiContext.Default, null)));
    }

    [Fact]
    public void Update_CityClickOnAPlacedPage_ChoosesItsMapping()
    {
        var panel = new ElfLayoutPanel();
        var session = Waiting();
        Assert.Null(session.Place(3, LayoutField.Start, "0x403000"));
        Assert.Null(session.Place(3, LayoutField.End, "0x404000"));

        panel.Update(session, Frame(), Area, UiContext.Default, new CityClick(null, session.Pid, 0x403010));
        panel.Update(session, Frame("1"), Area, UiContext.Default, null);

        Assert.Equal("place mapping=3 field=start value=0x1", Line(panel.Update(session, Frame("", Key.Enter), Area, UiContext.Default, null)));
    }
}
