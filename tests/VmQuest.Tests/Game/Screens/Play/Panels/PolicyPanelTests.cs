using System.Numerics;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Play.Policy;
using VmQuest.Screens.Play;
using VmQuest.Screens.Play.Panels;
using VmQuest.Tests.Game.Play.Policy;

namespace VmQuest.Tests.Game.Screens.Play.Panels;

[Collection(VmQuest.Tests.Game.Platform.SdlTestGroup.Name)]
public class PolicyPanelTests
{
    private static readonly RectF Area = new(0, 0, 620, 700);

    private static PolicySession Waiting()
    {
        var session = new PolicySession(PolicyLevels.Aging(), seeds: PolicyLevels.Seeds);
        session.Run();
        return session;
    }

    private static PanelAction? Frame(PolicyPanel panel, PolicySession session, InputState input, Action<InputState> act, UiContext? ui = null)
    {
        input.ReleaseAll();
        input.BeginFrame();
        act(input);
        return panel.Update(session, input, Area, ui ?? UiContext.Default, null);
    }

    [Fact]
    public void MechanicPanels_Policy_IsThePolicyPanel()
    {
        Assert.IsType<PolicyPanel>(MechanicPanels.For(Mechanic.Policy));
    }

    [Fact]
    public void Update_TypingABrokenPolicy_ShowsTheCompileErrorLive()
    {
        var (panel, session, input) = (new PolicyPanel(), Waiting(), new InputState());
        Assert.Null(panel.CompileError);

        Frame(panel, session, input, i => i.PressKey(Key.Backspace));

        // "evict" became "evic", which reads as a register being set.
        Assert.Equal("2:27: expected '=' after 'evic', to set the register, found the end of the line", panel.CompileError);
    }

    [Fact]
    public void Update_CtrlEnter_SubmitsTheEditorsTextAsThePolicyAction()
    {
        var (panel, session, input) = (new PolicyPanel(), Waiting(), new InputState());

        Frame(panel, session, input, i => i.AddText("\n# mine"));
        var action = Frame(panel, session, input, i =>
        {
            i.PressKey(Key.LeftControl);
            i.PressKey(Key.Enter);
        });

        Assert.NotNull(action);
        Assert.Equal("policy", action.Kind);
        Assert.Equal(PolicyLibrary.Fifo + "\n# mine", PolicyText.TryDecode(action.Arguments, out _));
        Assert.Null(session.Act(action.Kind, action.Arguments));
    }

    [Fact]
    public void Update_ClickOnRun_ComparesTheShownTracesFaultsWithOpt()
    {
        var (panel, session, input) = (new PolicyPanel(), Waiting(), new InputState());
        var runButton = new Vector2(100, Area.Bottom - 20);

        var action = Frame(panel, session, input, i =>
        {
            i.MoveMouse(runButton);
            i.PressMouse(MouseButton.Left);
        });

        Assert.Null(action);
        Assert.Equal(new PolicyTrialResult(90, null, 42, 90), panel.Trial);
    }

    [Fact]
    public void Update_ClickInTheEditor_PlacesTheCursor()
    {
        var (panel, session, input) = (new PolicyPanel(), Waiting(), new InputState());

        Frame(panel, session, input, i =>
        {
            // Pad 10, gutter 28, cells 9 px wide; the editor starts under the heading (22 × 1.4) and the pending line (15 × 1.5), rows 19.5 px.
            i.MoveMouse(new Vector2(10 + 28 + (3 * 9) + 1, 10 + (22 * 1.4f) + (15 * 1.5f) + 4 + 19.5f + 5));
            i.PressMouse(MouseButton.Left);
        });

        Assert.Equal(1, panel.Editor.Line);
        Assert.Equal(3, panel.Editor.Column);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    public void Draw_WaitingAndFinished_RendersInBothLanguages(string language)
    {
        var ui = new UiContext(language, 1f);
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        var dir = Environment.GetEnvironmentVariable("VMQUEST_PANEL_PNG_DIR") ?? Directory.CreateTempSubdirectory("vmquest-panel").FullName;
        // Left: waiting, after a Run and a refused submit. Right: Aging submitted and run to the end, hidden tests listed.
        var (panel, session) = (new PolicyPanel(), Waiting());
        panel.Editor.MoveTo(99, 99);
        panel.Editor.Insert("\n  if accessed: clear accessed; skip");
        panel.RunTrial(session.Level);
        session.Submit(panel.Editor.Text + "\nX");
        var (finishedPanel, finished) = (new PolicyPanel(), Waiting());
        finishedPanel.Editor.MoveTo(0, 0);
        finishedPanel.Editor.Delete();
        finished.Submit(PolicyLibrary.Aging);
        finished.Run();

        var pixels = new uint[1280 * 720];
        backend.BeginFrame();
        backend.Clear(Palette.Background);
        panel.Draw(session, backend, new RectF(20, 10, 620, 700), ui);
        finishedPanel.Draw(finished, backend, new RectF(650, 10, 620, 700), ui);
        backend.ReadPixels(pixels);
        backend.SavePng(Path.Combine(dir, $"policy-panel-{language}.png"));
        backend.EndFrame();

        var background = Palette.Background.ToArgb();
        Assert.True(pixels.Count(p => p != background) > 50_000);
    }
}
