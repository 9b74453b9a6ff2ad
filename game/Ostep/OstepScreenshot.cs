using VmQuest.Screens;
using VmQuest.Screens.Shell;

namespace VmQuest.Ostep;

/// <summary>
/// Builds the screens a <c>vmquest play --ostep FILE --screenshot</c> draws, the way a player reaches them: the
/// briefing; <c>play</c>: question N+1 after the first N (<c>--after-ticks N</c>) answered right, and with
/// <c>--ostep-answer K</c> that question answered with choice K and its check shown; <c>results</c>: every question
/// answered, the first N wrong and the rest right.
/// </summary>
public static class OstepScreenshot
{
    /// <summary>The screen names this accepts.</summary>
    public static IReadOnlyList<string> ScreenNames { get; } = ["briefing", "play", "results"];

    /// <summary>Pushes onto <paramref name="stack"/> (whose root is the briefing) what <paramref name="screen"/> shows; returns an error line, or null.</summary>
    public static string? Build(ScreenStack stack, ShellContext shell, OstepQuiz quiz, string screen, long answered, int? answer)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(quiz);
        if (!ScreenNames.Contains(screen))
        {
            return $"--screen {screen} has no OSTEP problem page; with --ostep it is one of {string.Join(", ", ScreenNames)}";
        }

        if (screen == "briefing")
        {
            return null;
        }

        var count = quiz.Questions.Count;
        var session = new OstepQuizSession(quiz);
        if (screen == "results")
        {
            foreach (var question in quiz.Questions)
            {
                var right = question.Correct;
                session.Answer(session.Current < answered ? (right + 1) % question.Choices.Count : right);
            }

            stack.Push(new OstepResultsScreen(shell, session));
            return null;
        }

        if (answered >= count)
        {
            return $"--after-ticks {answered}: the problem has {count} questions, so at most {count - 1} can be answered before the one shown";
        }

        for (var i = 0; i < answered; i++)
        {
            session.Answer(quiz.Questions[i].Correct);
        }

        var page = new OstepQuestionScreen(shell, session);
        stack.Push(page);
        if (answer is { } k)
        {
            var choices = quiz.Questions[session.Current].Choices.Count;
            if (k < 1 || k > choices)
            {
                return $"--ostep-answer {k}: question {session.Current + 1} has choices 1 to {choices}";
            }

            page.Choices.Selected = k - 1;
            page.Answer(k - 1);
        }

        return null;
    }
}
