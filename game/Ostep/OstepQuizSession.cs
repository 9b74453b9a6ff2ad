namespace VmQuest.Ostep;

/// <summary>The player's answer to one question and whether it was right.</summary>
/// <param name="Question">The question's index.</param>
/// <param name="Chosen">The index of the choice the player picked.</param>
/// <param name="Right">True when it was the right one.</param>
public readonly record struct OstepVerdict(int Question, int Chosen, bool Right);

/// <summary>
/// Playing an <see cref="OstepQuiz"/>: the questions in order, each answered once and checked at once; the verdicts
/// are kept for the results. Invariant: <see cref="Current"/> = the number of verdicts ≤ the number of questions.
/// </summary>
public sealed class OstepQuizSession
{
    private readonly List<OstepVerdict> _verdicts = [];

    /// <summary>Starts at the first question of <paramref name="quiz"/>.</summary>
    public OstepQuizSession(OstepQuiz quiz)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        Quiz = quiz;
    }

    /// <summary>The problem played.</summary>
    public OstepQuiz Quiz { get; }

    /// <summary>The index of the question being asked (the count of questions answered).</summary>
    public int Current => _verdicts.Count;

    /// <summary>True once every question is answered.</summary>
    public bool Finished => Current == Quiz.Questions.Count;

    /// <summary>The verdicts so far, in order.</summary>
    public IReadOnlyList<OstepVerdict> Verdicts => _verdicts;

    /// <summary>How many answers were right.</summary>
    public int RightCount => _verdicts.Count(v => v.Right);

    /// <summary>Answers the current question with choice <paramref name="choice"/>; returns the verdict.</summary>
    public OstepVerdict Answer(int choice)
    {
        if (Finished)
        {
            throw new InvalidOperationException("every question is answered");
        }

        var question = Quiz.Questions[Current];
        ArgumentOutOfRangeException.ThrowIfNegative(choice);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(choice, question.Choices.Count);
        var verdict = new OstepVerdict(Current, choice, choice == question.Correct);
        _verdicts.Add(verdict);
        return verdict;
    }
}
