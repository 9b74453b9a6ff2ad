using System.Numerics;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Play.FaultAction;
using VmQuest.Screens.Play;
using VmQuest.Screens.Play.Panels;
using VmQuest.Tests.Game.Platform;
using VmQuest.Tests.Game.Play.FaultAction;

namespace VmQuest.Tests.Game.Screens.Play.Panels;

public class FaultActionPanelTests
{
    private static readonly RectF Area = new(0, 0, 460, 720);

    private static FaultActionSession AtFirstFault()
    {
        var session = new FaultActionSession(FaultLevels.FirstFaults());
        session.Run();
        return session;
    }

    private static InputState Keys(params Key[] keys)
    {
        var input = new InputState();
        input.BeginFrame();
        foreach (var key in keys)
        {
            input.PressKey(key);
        }

        return input;
    }

    private static InputState Click(Vector2 at)
    {
        var input = new InputState();
        input.BeginFrame();
        input.MoveMouse(at);
        input.PressMouse(MouseButton.Left);
        return input;
    }

    private static string Text(PanelAction? action) =>
        action is null ? "none" : action.Kind + string.Concat(action.Arguments.Select(a => $" {a.Key}={a.Value}"));

    [Fact]
    public void MechanicPanels_FaultAction_IsThisPanel()
    {
        Assert.IsType<FaultActionPanel>(MechanicPanels.For(Mechanic.FaultAction));
    }

    [Fact]
    public void Update_KeyOne_AnswersDemandZeroInTheFirstFreeFrame()
    {
        var session = AtFirstFault();
        var panel = new FaultActionPanel();

        var action = panel.Update(session, Keys(Key.D1), Area, UiContext.Default, null);

        Assert.Equal($"demand-zero frame={session.FrameChoices()[0]}", Text(action));
        Assert.Null(session.Act(action!.Kind, action.Arguments));
    }

    [Fact]
    public void Update_ArrowsAndCityClick_MoveTheFrameAmongTheChoices()
    {
        var session = AtFirstFault();
        var panel = new FaultActionPanel();
        var choices = session.FrameChoices();

        panel.Update(session, Keys(Key.Right), Area, UiContext.Default, null);
        Assert.Equal(choices[1], panel.SelectedFrame);
        panel.Update(session, Keys(Key.Left), Area, UiContext.Default, null);
        panel.Update(session, Keys(Key.Left), Area, UiContext.Default, null);
        Assert.Equal(choices[^1], panel.SelectedFrame);
        panel.Update(session, Keys(), Area, UiContext.Default, new CityClick(choices[3], 0, null));
        Assert.Equal(choices[3], panel.SelectedFrame);
        // A lot that is not a legal choice (the root table) leaves the choice alone.
        panel.Update(session, Keys(), Area, UiContext.Default, new CityClick(session.Kernel.MemoryOf(session.PendingFault!.Pid).Root, 0, null));
        Assert.Equal(choices[3], panel.SelectedFrame);
    }

    [Fact]
    public void Update_SevenThenAReason_AnswersSigsegvWithIt()
    {
        var session = FaultLevels.RunTo(FaultActions.Sigsegv);
        var panel = new FaultActionPanel();

        Assert.Null(panel.Update(session, Keys(Key.D7), Area, UiContext.Default, null));
        var action = panel.Update(session, Keys(Key.D3), Area, UiContext.Default, null);

        Assert.Equal("sigsegv why=no-exec", Text(action));
    }

    [Fact]
    public void Update_EscapeAfterSeven_CancelsTheReason()
    {
        var session = FaultLevels.RunTo(FaultActions.Sigsegv);
        var panel = new FaultActionPanel();

        panel.Update(session, Keys(Key.D7), Area, UiContext.Default, null);
        panel.Update(session, Keys(Key.Escape), Area, UiContext.Default, null);

        Assert.Equal("file-read", Text(panel.Update(session, Keys(Key.D2), Area, UiContext.Default, null)));
    }

    [Fact]
    public void Update_ClickButtonsAndChips_AnswerAsTheKeysDo()
    {
        var session = AtFirstFault();
        var panel = new FaultActionPanel();
        var layout = new FaultActionPanel.Layout(Area, UiContext.Default, session.FrameChoices().Count);

        panel.Update(session, Click(layout.FrameChips[2].Centre), Area, UiContext.Default, null);
        var action = panel.Update(session, Click(layout.Buttons[5].Centre), Area, UiContext.Default, null);

        Assert.Equal($"grow-stack frame={session.FrameChoices()[2]}", Text(action));
        Assert.Equal("sigsegv why=no-mapping", Text(panel.Update(session, Click(layout.Reasons[0].Centre), Area, UiContext.Default, null)));
    }

    [Fact]
    public void Update_NothingPending_ReturnsNoAction()
    {
        var session = (FaultActionSession)FaultActionPlayers.Instance.PlayReference(FaultLevels.FirstFaults());

        Assert.Null(new FaultActionPanel().Update(session, Keys(Key.D1), Area, UiContext.Default, null));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    public void Draw_AfterAMistakeUnderPressure_ShowsTheFaultTheChoicesAndWhy(string language)
    {
        var session = FaultLevels.RunTo(FaultActions.CowCopy);
        Assert.NotNull(session.Answer(FaultActions.CowReuse));
        var ui = new UiContext(language, 1f);
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        backend.BeginFrame();
        backend.Clear(Palette.Background);
        new FaultActionPanel().Draw(session, backend, Area, ui);
        var pixels = backend.ReadPixels();
        var png = Path.Combine(Path.GetTempPath(), $"vmquest-fault-panel-{language}.png");
        backend.SavePng(png);
        backend.EndFrame();

        var layout = new FaultActionPanel.Layout(Area, ui, session.FrameChoices().Count);
        // The first frame choice is selected (kernel yellow), the buttons are lots, the refusal text is drawn below them.
        var chip = layout.FrameChips[0];
        PixelAssert.IsColour(pixels, 1280, (int)chip.X + 1, (int)chip.Y + 1, Palette.Kernel);
        PixelAssert.IsColour(pixels, 1280, (int)layout.Buttons[0].Right - 3, (int)layout.Buttons[0].Y + 3, Palette.FreeLot);
        Assert.True(PixelAssert.CountNot(pixels, 1280, new RectI(12, (int)layout.RefusalTop, 430, 60), Palette.HudBackground) > 200, "the explanation is drawn");
        Assert.True(new FileInfo(png).Length > 0);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    public void Draw_ManyFreeFrames_KeepsTheSelectedOneInView(string language)
    {
        var session = AtFirstFault();
        var panel = new FaultActionPanel();
        var ui = new UiContext(language, 1f);
        for (var i = 0; i < 40; i++)
        {
            panel.Update(session, Keys(Key.Right), Area, ui, null);
        }

        Assert.Equal(session.FrameChoices()[40], panel.SelectedFrame);
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        backend.BeginFrame();
        backend.Clear(Palette.Background);
        panel.Draw(session, backend, Area, ui);
        var pixels = backend.ReadPixels();
        backend.SavePng(Path.Combine(Path.GetTempPath(), $"vmquest-fault-panel-free-{language}.png"));
        backend.EndFrame();

        var layout = new FaultActionPanel.Layout(Area, ui, session.FrameChoices().Count);
        Assert.Contains(layout.FrameChips, chip => PixelAssert.Near(PixelAssert.At(pixels, 1280, (int)chip.X + 1, (int)chip.Y + 1), Palette.Kernel));
    }

    [Fact]
    public void Draw_RefusedAnswer_ExplainsInTheUiLanguage()
    {
        var session = AtFirstFault();
        Assert.NotNull(session.Answer(FaultActions.SwapIn, frame: session.FrameChoices()[0]));
        var english = new RecordingRenderBackend();
        var chinese = new RecordingRenderBackend();

        new FaultActionPanel().Draw(session, english, Area, UiContext.Default);
        new FaultActionPanel().Draw(session, chinese, Area, new UiContext("zh-Hans", 1f));

        Assert.Contains(english.Calls, c => c.Contains("demand-zero)", StringComparison.Ordinal) && c.StartsWith("DrawText", StringComparison.Ordinal));
        Assert.DoesNotContain(chinese.Calls, c => c.Contains("nothing to read", StringComparison.Ordinal));
        Assert.Contains(chinese.Calls, c => c.Contains("匿名", StringComparison.Ordinal));
        Assert.Contains(chinese.Calls, c => c == "DrawText 被拒绝——原因：");
    }
}
