using System.Numerics;
using VmQuest.Platform;
using VmQuest.Screens;
using VmQuest.Screens.Play;
using VmQuest.Screens.Shell;

namespace VmQuest.Ostep;

/// <summary>
/// The results of an OSTEP problem: how many answers were right, and each question with the player's answer, marked
/// right or wrong, and the right answer beside every wrong one. Enter plays the problem again; Esc leaves.
/// </summary>
public sealed class OstepResultsScreen : ShellScreen
{
    /// <summary>Shows the results of <paramref name="session"/> (finished).</summary>
    public OstepResultsScreen(ShellContext shell, OstepQuizSession session)
        : base(shell)
    {
        ArgumentNullException.ThrowIfNull(session);
        Session = session;
    }

    /// <summary>The quiz played.</summary>
    public OstepQuizSession Session { get; }

    /// <inheritdoc/>
    public override string Name => "results";

    /// <inheritdoc/>
    public override IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("Enter", "Enter", "play the problem again", "重新作答"),
        new("Esc", "Esc", "back to the briefing", "返回简报"),
    ];

    /// <inheritdoc/>
    public override ScreenTransition? Update(InputState input, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Back(input))
        {
            return new ScreenTransition.Pop();
        }

        return input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter)
            ? new ScreenTransition.Replace(new OstepQuestionScreen(Shell, new OstepQuizSession(Session.Quiz)))
            : null;
    }

    /// <inheritdoc/>
    protected override void DrawContent(IRenderBackend backend, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var quiz = Session.Quiz;
        var language = ui.Language;
        var top = DrawHeading(backend, ui, ui.T("Results: ", "结果：") + quiz.Title.In(language));
        var margin = Margin(ui);
        var total = quiz.Questions.Count;
        var right = Session.RightCount;
        var all = right == total;
        backend.DrawText(ui.T($"{right} of {total} right", $"答对 {right}/{total}") + (all ? ui.T("  ·  every answer right", "  ·  全部正确") : ""),
            new Vector2(margin, top), ui.HeadingSize * 1.2f, all ? Palette.DataPages : Palette.Highlight);
        var y = top + (ui.HeadingSize * 2.2f);
        var bottom = Height - Screens.Shell.Widgets.KeyBar.Height(ui) - margin;
        var row = ui.TextSize * 1.5f;
        var shown = 0;
        foreach (var verdict in Session.Verdicts)
        {
            if (y + row > bottom - row)
            {
                var rest = Session.Verdicts.Count - shown;
                var wrongRest = Session.Verdicts.Skip(shown).Count(v => !v.Right);
                backend.DrawText(ui.T($"… {rest} more ({wrongRest} wrong)", $"…… 还有 {rest} 题（{wrongRest} 题错误）"), new Vector2(margin, y), ui.SmallSize, Palette.TextDim);
                break;
            }

            var question = quiz.Questions[verdict.Question];
            var chosen = question.Choices[verdict.Chosen].Label.In(language);
            var mark = verdict.Right ? "✓" : "×";
            var line = $"{mark} {verdict.Question + 1}. {Short(question.Prompt.In(language))}  →  {chosen}";
            if (!verdict.Right)
            {
                line += ui.T("   (right: ", "   （正确：") + question.Choices[question.Correct].Label.In(language) + ui.T(")", "）");
            }

            backend.DrawText(line, new Vector2(margin, y), ui.TextSize, verdict.Right ? Palette.Text : Palette.Fault);
            y += row;
            shown++;
        }
    }

    // The prompt up to its first sentence end ("Address 3 of 5: VA 0x…" without the question part).
    private static string Short(string prompt)
    {
        var cut = prompt.IndexOfAny(['.', '。']);
        return cut > 0 ? prompt[..cut] : prompt;
    }
}
