using VmQuest.Ostep;
using VmQuest.Platform;
using VmQuest.Tests.Engine.Machine.Ostep;
using VmQuest.Tests.Game.Platform;
using VmQuest.Tests.Game.Screens.Shell;

namespace VmQuest.Tests.Game.Ostep;

public sealed class OstepScreensTests : IDisposable
{
    private readonly ShellFixture _game = new();

    public void Dispose() => _game.Dispose();

    private OstepQuestionScreen Start(string text)
    {
        var quiz = OstepQuizzes.FromText(text, "p.txt");
        _game.Stack.Push(new OstepBriefingScreen(_game.Shell, quiz));
        _game.Press(Key.Enter);
        return Assert.IsType<OstepQuestionScreen>(_game.Stack.Top);
    }

    [Fact]
    public void NumberKey_WrongAnswer_FeedbackSaysWrongAndShowsTheRightOne()
    {
        var screen = Start(OstepSamples.Linear);
        var question = screen.Session.Quiz.Questions[0];
        var wrong = (question.Correct + 1) % question.Choices.Count;

        _game.Press(Key.D1 + wrong);
        _game.Draw();

        Assert.Equal(new OstepVerdict(0, wrong, false), screen.Feedback);
        var calls = ((RecordingRenderBackend)_game.Backend).Calls;
        Assert.Contains(calls, c => c.StartsWith("DrawText × Wrong. The answer:", StringComparison.Ordinal));
        Assert.Contains($"DrawText {question.Correct + 1}. {question.Choices[question.Correct].Label.En}", calls);
    }

    [Fact]
    public void EveryQuestionAnswered_EnterAfterTheLast_ResultsCountTheRightOnes()
    {
        var screen = Start(OstepPolicySamples.Generated("LRU"));
        var questions = screen.Session.Quiz.Questions;
        for (int i = 0; i < questions.Count; i++)
        {
            var choice = i == 2 ? (questions[i].Correct + 1) % questions[i].Choices.Count : questions[i].Correct;
            _game.Press(Key.D1 + choice);
            _game.Press(Key.Enter);
        }

        var results = Assert.IsType<OstepResultsScreen>(_game.Stack.Top);
        Assert.Equal(questions.Count - 1, results.Session.RightCount);
        Assert.False(results.Session.Verdicts[2].Right);
    }

    [Fact]
    public void ArrowsAndEnter_ChooseTheSelectedAnswer()
    {
        var screen = Start(OstepSamples.Multilevel());
        var correct = screen.Session.Quiz.Questions[0].Correct;
        for (int i = 0; i < correct; i++)
        {
            _game.Press(Key.Down);
        }

        _game.Press(Key.Enter);

        Assert.True(screen.Feedback?.Right);
    }
}
