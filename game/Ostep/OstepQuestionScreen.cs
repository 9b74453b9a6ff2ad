using System.Numerics;
using VmQuest.Platform;
using VmQuest.Screens;
using VmQuest.Screens.Play;
using VmQuest.Screens.Shell;
using VmQuest.Screens.Shell.Widgets;

namespace VmQuest.Ostep;

/// <summary>
/// One question of an OSTEP problem at a time: the prompt, what the player needs to see (the table, the memory, the
/// reference string), and the choices. Choosing checks the answer at once: right, or wrong with the right answer;
/// both with why. Enter goes on; after the last question, the results.
/// </summary>
public sealed class OstepQuestionScreen : ShellScreen
{
    private static readonly Key[] Digits = [Key.D1, Key.D2, Key.D3, Key.D4, Key.D5, Key.D6, Key.D7, Key.D8, Key.D9];
    private ChoiceList _choices;

    /// <summary>Asks <paramref name="session"/>'s current question.</summary>
    public OstepQuestionScreen(ShellContext shell, OstepQuizSession session)
        : base(shell)
    {
        ArgumentNullException.ThrowIfNull(session);
        Session = session;
        _choices = ChoicesOf(session);
    }

    /// <summary>The quiz being played.</summary>
    public OstepQuizSession Session { get; }

    /// <summary>The verdict on the question just answered, shown until Enter; null while the player is choosing.</summary>
    public OstepVerdict? Feedback { get; private set; }

    /// <summary>The choice list of the question shown (for the mouse and tests).</summary>
    public ChoiceList Choices => _choices;

    /// <inheritdoc/>
    public override string Name => "play";

    /// <inheritdoc/>
    public override IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("1–9 / ↑↓ Enter / click", "1–9 / ↑↓ Enter / 单击", "answer", "作答"),
        new("Enter", "Enter", "next question (after the check)", "下一题（检查之后）"),
        new("Esc", "Esc", "back to the briefing", "返回简报"),
    ];

    /// <summary>Answers the current question with choice <paramref name="choice"/> (what a key or click does).</summary>
    public OstepVerdict Answer(int choice)
    {
        if (Feedback is not null)
        {
            throw new InvalidOperationException("the answer is being shown: go on first");
        }

        var verdict = Session.Answer(choice);
        Feedback = verdict;
        return verdict;
    }

    /// <inheritdoc/>
    public override ScreenTransition? Update(InputState input, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Back(input))
        {
            return new ScreenTransition.Pop();
        }

        if (Feedback is null)
        {
            var digit = Array.FindIndex(Digits, input.IsKeyPressed);
            if (digit >= 0 && digit < _choices.Choices.Count)
            {
                _choices.Selected = digit;
                Answer(digit);
            }
            else if (_choices.Update(input) is not null)
            {
                Answer(_choices.Selected);
            }

            return null;
        }

        var next = input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter) || input.IsKeyPressed(Key.Space) || input.IsMouseReleased(MouseButton.Left);
        if (!next)
        {
            return null;
        }

        if (Session.Finished)
        {
            return new ScreenTransition.Replace(new OstepResultsScreen(Shell, Session));
        }

        Feedback = null;
        _choices = ChoicesOf(Session);
        return null;
    }

    /// <inheritdoc/>
    protected override void DrawContent(IRenderBackend backend, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var quiz = Session.Quiz;
        var index = Feedback?.Question ?? Session.Current;
        var question = quiz.Questions[index];
        var language = ui.Language;
        var top = DrawHeading(backend, ui, quiz.Title.In(language));
        var margin = Margin(ui);
        var score = ui.T($"Right so far: {Session.RightCount} of {Session.Verdicts.Count}", $"目前答对：{Session.RightCount}/{Session.Verdicts.Count}");
        var scoreWidth = backend.MeasureText(score, ui.TextSize).X;
        backend.DrawText(score, new Vector2(Width - margin - scoreWidth, margin), ui.TextSize, Palette.HudText);
        var y = DrawWrapped(backend, question.Prompt.In(language), new Vector2(margin, top), Width - (2 * margin), ui.HeadingSize, Palette.Text, 1.3f);
        y += ui.TextSize * 0.4f;
        var leftWidth = (Width * 0.55f) - margin;
        var contextY = y;
        foreach (var line in question.Context)
        {
            contextY = DrawWrapped(backend, line.In(language), new Vector2(margin, contextY), leftWidth, ui.SmallSize, Palette.HudText, 1.35f);
        }

        // The question as a small city of memory, under what it shows as text (the answer's roads once checked).
        var cityY = contextY + (ui.TextSize * 0.6f);
        var cityBottom = Height - KeyBar.Height(ui) - margin;
        if (question.Picture is { } picture && cityBottom - cityY > ui.TextSize * 5f)
        {
            var height = Math.Min(cityBottom - cityY, OstepCityView.PreferredHeight(ui, leftWidth, picture));
            OstepCityView.Draw(backend, ui, new RectF(margin, cityY, leftWidth, height), picture, Feedback is not null);
        }

        var rightX = Width * 0.57f;
        var rightWidth = Width - rightX - margin;
        var rowHeight = ui.TextSize * 2.2f;
        _choices.Layout(new RectF(rightX, y, rightWidth, rowHeight * _choices.Choices.Count), rowHeight);
        _choices.Draw(backend, ui, ui.TextSize);
        if (Feedback is not { } verdict)
        {
            return;
        }

        var boxY = y + (rowHeight * _choices.Choices.Count) + ui.TextSize;
        var box = new RectF(rightX, boxY, rightWidth, Math.Min(ui.TextSize * 13f, Height - boxY - KeyBar.Height(ui) - margin));
        backend.FillRect(box, Palette.HudBackground);
        backend.DrawRect(box, verdict.Right ? Palette.DataPages : Palette.Fault, 2f);
        var inner = new Vector2(rightX + (ui.TextSize * 0.8f), boxY + (ui.TextSize * 0.6f));
        var right = question.Choices[question.Correct].Label.In(language);
        var heading = verdict.Right ? ui.T("✓ Right", "✓ 正确") : ui.T("× Wrong. The answer: ", "× 错误。正确答案：") + right;
        var textWidth = rightWidth - (ui.TextSize * 1.6f);
        var below = DrawWrapped(backend, heading, inner, textWidth, ui.TextSize * 1.1f, verdict.Right ? Palette.DataPages : Palette.Fault, 1.3f);
        below = DrawWrapped(backend, question.Why.In(language), new Vector2(inner.X, below + (ui.SmallSize * 0.4f)), textWidth, ui.SmallSize, Palette.Text, 1.4f);
        var more = Session.Finished ? ui.T("Enter: the results", "Enter：查看结果") : ui.T("Enter: the next question", "Enter：下一题");
        backend.DrawText(more, new Vector2(inner.X, Math.Min(below + (ui.SmallSize * 0.6f), box.Bottom - (ui.SmallSize * 1.6f))), ui.SmallSize, Palette.Highlight);
    }

    // The current question's choices, numbered 1–9 (the number keys answer directly).
    private static ChoiceList ChoicesOf(OstepQuizSession session)
    {
        var question = session.Quiz.Questions[Math.Min(session.Current, session.Quiz.Questions.Count - 1)];
        var choices = question.Choices.Select((c, i) => new Choice(c.Id, $"{i + 1}. {c.Label.En}", $"{i + 1}. {c.Label.Zh}")).ToList();
        return new ChoiceList(choices);
    }
}
