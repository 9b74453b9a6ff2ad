using System.Numerics;
using VmQuest.Platform;
using VmQuest.Screens;
using VmQuest.Screens.Play;
using VmQuest.Screens.Shell;

namespace VmQuest.Ostep;

/// <summary>
/// The briefing of an OSTEP problem played as a level (<c>vmquest play --ostep FILE</c>): what the problem is, how
/// many questions, the hint on H; Enter starts the questions.
/// </summary>
public sealed class OstepBriefingScreen : ShellScreen
{
    private bool _showHint;

    /// <summary>Creates the briefing of <paramref name="quiz"/>.</summary>
    public OstepBriefingScreen(ShellContext shell, OstepQuiz quiz)
        : base(shell)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        Quiz = quiz;
    }

    /// <summary>The problem.</summary>
    public OstepQuiz Quiz { get; }

    /// <inheritdoc/>
    public override string Name => "briefing";

    /// <inheritdoc/>
    public override IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("Enter", "Enter", "start the questions", "开始答题"),
        new("H", "H", "show the hint", "显示提示"),
        new("Esc", "Esc", "leave", "离开"),
    ];

    /// <inheritdoc/>
    public override ScreenTransition? Update(InputState input, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Back(input))
        {
            return new ScreenTransition.Pop();
        }

        if (input.IsKeyPressed(Key.H))
        {
            _showHint = !_showHint;
        }

        return input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter) || input.IsMouseReleased(MouseButton.Left)
            ? new ScreenTransition.Push(new OstepQuestionScreen(Shell, new OstepQuizSession(Quiz)))
            : null;
    }

    /// <inheritdoc/>
    protected override void DrawContent(IRenderBackend backend, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var top = DrawHeading(backend, ui, Quiz.Title.In(ui.Language));
        var margin = Margin(ui);
        var width = Width - (2 * margin);
        backend.DrawText(ui.T($"OSTEP homework as a level: {Quiz.Questions.Count} questions, each checked as you answer",
            $"OSTEP 作业关卡：{Quiz.Questions.Count} 道题，每答一题立即检查"), new Vector2(margin, top), ui.TextSize, Palette.Tlb);
        var y = DrawWrapped(backend, Quiz.Briefing.In(ui.Language), new Vector2(margin, top + (ui.TextSize * 2f)), width * 0.8f, ui.TextSize * 1.1f, Palette.Text);
        y += ui.TextSize;
        y = _showHint
            ? DrawWrapped(backend, ui.T("Hint: ", "提示：") + Quiz.Hint.In(ui.Language), new Vector2(margin, y), width * 0.8f, ui.TextSize, Palette.Kernel)
            : DrawWrapped(backend, ui.T("Press H for a hint.", "按 H 查看提示。"), new Vector2(margin, y), width, ui.TextSize, Palette.TextDim);
        y += ui.TextSize;
        DrawWrapped(backend, ui.T("Choose each answer with the number keys, the arrows and Enter, or the mouse. A wrong answer is shown with the right one and why.",
            "用数字键、方向键和 Enter 或鼠标选择答案。答错时会显示正确答案及原因。"), new Vector2(margin, y), width * 0.8f, ui.TextSize, Palette.HudText);
        backend.DrawText(ui.T("Press Enter to start  ▶", "按 Enter 开始  ▶"),
            new Vector2(margin, Height - Screens.Shell.Widgets.KeyBar.Height(ui) - margin - ui.HeadingSize), ui.HeadingSize, Palette.Highlight);
    }
}
