using System.Numerics;
using VmQuest.Platform;
using VmQuest.Play.Translate;
using VmQuest.Screens.Play;
using VmQuest.Screens.Play.Panels;
using VmQuest.Tests.Game.Platform;
using VmQuest.Tests.Game.Play.Translate;

namespace VmQuest.Tests.Game.Screens.Play.Panels;

/// <summary>The translate panel turns keys, clicks and city clicks into the mechanic's actions, and shows the walk.</summary>
public class TranslatePanelTests
{
    private static readonly RectF Area = new(800, 0, 480, 720);

    [Fact]
    public void For_Translate_IsTheTranslatePanel()
    {
        Assert.IsType<TranslatePanel>(MechanicPanels.For(VmQuest.Levels.Model.Mechanic.Translate));
    }

    [Fact]
    public void Update_DigitsThenEnter_ReadsTheTypedIndexAtTheWalksLevel()
    {
        var session = TranslateSessionTests.At(5);
        var panel = new TranslatePanel();
        var input = new InputState();

        Assert.Null(Frame(panel, session, input, i => i.PressKey(Key.D2)));
        Assert.Null(Frame(panel, session, input, i => i.PressKey(Key.D5)));
        Assert.Null(Frame(panel, session, input, i => i.PressKey(Key.D5)));
        var action = Frame(panel, session, input, i => i.PressKey(Key.Enter));

        AssertAction(TranslateInput.ReadEntry(0, 255), action);
    }

    [Fact]
    public void Update_ArrowsThenEnter_ReadsTheHighlightedEntry()
    {
        var session = TranslateSessionTests.At(2);
        Assert.Null(session.ReadEntry(0, 0));
        Assert.Null(session.ReadEntry(1, 0));
        var panel = new TranslatePanel();
        var input = new InputState();

        Frame(panel, session, input, i => i.PressKey(Key.Down));
        Frame(panel, session, input, i => i.PressKey(Key.Down));
        var action = Frame(panel, session, input, i => i.PressKey(Key.Enter));

        AssertAction(TranslateInput.ReadEntry(2, 2), action);
    }

    [Fact]
    public void Update_ClickOnATableRow_ReadsThatEntry()
    {
        var session = TranslateSessionTests.At(2);
        var panel = new TranslatePanel();
        var input = new InputState();
        var row = new TranslateLayout(Area, UiContext.Default, 4).Rows[1];

        var action = Frame(panel, session, input, i =>
        {
            i.MoveMouse(row.Centre);
            i.PressMouse(MouseButton.Left);
        });

        AssertAction(TranslateInput.ReadEntry(0, 1), action);
    }

    [Fact]
    public void Update_TabHexDigitsEnter_AnswersThePhysicalAddress()
    {
        var session = TranslateSessionTests.At(6);
        TranslateSessionTests.WalkToTheEnd(session);
        var panel = new TranslatePanel();
        var input = new InputState();

        Frame(panel, session, input, i => i.PressKey(Key.Tab));
        Frame(panel, session, input, i => i.AddText("5"));
        Frame(panel, session, input, i => i.AddText("0f"));
        Frame(panel, session, input, i => i.PressKey(Key.Backspace));
        Frame(panel, session, input, i => i.AddText("05"));
        var action = Frame(panel, session, input, i => i.PressKey(Key.Enter));

        AssertAction(TranslateInput.AnswerPhysical(0x5005), action);
        Assert.Null(session.Act(action!.Kind, action.Arguments));
    }

    [Fact]
    public void Update_FThenTwo_AnswersAProtectionFault()
    {
        var session = TranslateSessionTests.At(8);
        TranslateSessionTests.WalkToTheEnd(session);
        var panel = new TranslatePanel();
        var input = new InputState();

        Assert.Null(Frame(panel, session, input, i => i.PressKey(Key.F)));
        var action = Frame(panel, session, input, i => i.PressKey(Key.D2));

        AssertAction(TranslateInput.AnswerFault(FaultWords.Protection), action);
    }

    [Fact]
    public void Update_CityClickOnALotAfterTheWalk_AnswersThatFramePlusTheOffset()
    {
        var session = TranslateSessionTests.At(6);
        TranslateSessionTests.WalkToTheEnd(session);
        var panel = new TranslatePanel();

        var action = panel.Update(session, new InputState(), Area, UiContext.Default, new CityClick(5, 0, null));

        AssertAction(TranslateInput.AnswerPhysical(0x5005), action);
    }

    [Fact]
    public void Update_CityClickOnTheNextTablesLot_ReadsTheEntryThatPointsToIt()
    {
        var session = TranslateSessionTests.At(6);
        Assert.Null(session.ReadEntry(0, 0));

        // The PGD's entry 0 led to the PUD in frame 0x2, whose entry 0 points to the PMD in frame 0x3.
        var action = new TranslatePanel().Update(session, new InputState(), Area, UiContext.Default, new CityClick(3, 0, null));

        AssertAction(TranslateInput.ReadEntry(1, 0), action);
    }

    [Fact]
    public void Update_CityClickOnALotNoEntryPointsTo_MidWalk_IsIgnored()
    {
        var session = TranslateSessionTests.At(6);
        Assert.Null(session.ReadEntry(0, 0));

        Assert.Null(new TranslatePanel().Update(session, new InputState(), Area, UiContext.Default, new CityClick(5, 0, null)));
    }

    [Fact]
    public void Update_CityClickBeforeTheWalk_OnADataLot_AnswersFromTheTlb()
    {
        var session = TranslateSessionTests.At(1);

        var action = new TranslatePanel().Update(session, new InputState(), Area, UiContext.Default, new CityClick(1, 0, null));

        AssertAction(TranslateInput.AnswerPhysical(0x1040), action);
    }

    [Theory]
    [InlineData("en", "Translate by hand", "Access 3 of 9: read 0x402000  (program line 3)")]
    [InlineData("zh-Hans", "手工翻译地址", "第 3/9 次访问：读取 0x402000（程序第 3 行）")]
    public void Draw_PendingTranslation_ShowsTheAccessTheFieldsAndTheRefusal(string language, string title, string access)
    {
        var session = TranslateSessionTests.At(2);
        Assert.NotNull(session.ReadEntry(0, 2));
        var backend = new RecordingRenderBackend();

        new TranslatePanel().Draw(session, backend, Area, new UiContext(language, 1f));

        Assert.Contains("DrawText " + title, backend.Calls);
        Assert.Contains("DrawText " + access, backend.Calls);
        // The PMD field of 0x402000 in binary (bits 21–29 = 2); the offset field is twelve zeros.
        Assert.Contains("DrawText 000000010", backend.Calls);
        Assert.Contains("DrawText 000000000000", backend.Calls);
        Assert.Contains(backend.Calls, c => c.StartsWith("DrawText ✗ bits", StringComparison.Ordinal) || c.StartsWith("DrawText ✗", StringComparison.Ordinal));
    }

    [Fact]
    public void Draw_WalkInProgress_ShowsTheEntriesReadAndTheNextTable()
    {
        var session = TranslateSessionTests.At(2);
        Assert.Null(session.ReadEntry(0, 0));
        var backend = new RecordingRenderBackend();

        new TranslatePanel().Draw(session, backend, Area, UiContext.Default);

        Assert.Contains(backend.Calls, c => c.StartsWith("DrawText PGD[0] = 0x", StringComparison.Ordinal) && c.EndsWith("→ frame 0x2", StringComparison.Ordinal));
        Assert.Contains("DrawText PUD table in frame 0x2 (512 entries)", backend.Calls);
    }

    private static void AssertAction(PanelAction expected, PanelAction? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Arguments, actual.Arguments);
    }

    private static PanelAction? Frame(TranslatePanel panel, TranslateSession session, InputState input, Action<InputState> act)
    {
        input.BeginFrame();
        act(input);
        var action = panel.Update(session, input, Area, UiContext.Default, null);
        input.ReleaseAll();
        return action;
    }
}

/// <summary>Renders the panel headless in both languages (the PNGs are written to the temp folder for a look).</summary>
[Collection(SdlTestGroup.Name)]
public sealed class TranslatePanelRenderTests
{
    [Theory]
    [InlineData("en", "walk.yaml", 2)]
    [InlineData("zh-Hans", "walk.yaml", 2)]
    [InlineData("en", "five-levels.yaml", 1)]
    public void Draw_Headless_PaintsTheHeadingAndTheBitsInTheirColours(string language, string file, int tick)
    {
        using var backend = new VmQuest.Platform.Sdl.SdlRenderBackend(VmQuest.Platform.Sdl.SdlBackendOptions.HeadlessOf(560, 720));
        var session = new TranslateSession(VmQuest.Levels.Catalog.LevelResolver.Resolve(Path.Combine(VmQuest.Tests.Game.Play.ShippedLevels.Directory, "translate", file)));
        session.Run();
        while (session.Tick < tick)
        {
            TranslateSessionTests.AnswerOptimally(session);
            session.Run();
        }

        Assert.Null(session.ReadEntry(0, 0));
        Assert.NotNull(session.ReadEntry(1, 3));
        var area = new RectF(0, 0, 560, 720);
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-translate-panel-{Path.GetFileNameWithoutExtension(file)}-{language}.png");

        backend.BeginFrame();
        backend.Clear(Palette.Background);
        new TranslatePanel().Draw(session, backend, area, new UiContext(language, 1f));
        var pixels = new uint[560 * 720];
        backend.ReadPixels(pixels);
        backend.SavePng(path);
        backend.EndFrame();

        Assert.True(File.Exists(path));
        // The panel's background covers the area, and the heading and the PGD field's colour are drawn on it.
        Assert.Contains(pixels, p => p == Palette.HudBackground.ToArgb());
        Assert.Contains(pixels, p => p == Palette.HudText.ToArgb());
        Assert.Contains(pixels, p => p == TranslateBitsView.LevelColour(0).ToArgb());
    }
}
