using System.Globalization;
using VmQuest.Engine.Machine.Ostep;
using VmQuest.Ostep;
using VmQuest.Tests.Engine.Machine.Ostep;

namespace VmQuest.Tests.Game.Ostep;

public sealed class OstepQuizTests
{
    [Fact]
    public void FromText_Linear_EveryRightChoiceIsTheSolversAnswer()
    {
        var quiz = OstepQuizzes.FromText(OstepSamples.Linear, "p.txt");
        var answers = OstepSolver.Solve(OstepProblemReader.Read(OstepSamples.Linear, "p.txt"));

        Assert.Equal("linear", quiz.Kind);
        Assert.Equal(answers.Count, quiz.Questions.Count);
        for (int i = 0; i < answers.Count; i++)
        {
            var right = quiz.Questions[i].Choices[quiz.Questions[i].Correct].Id;
            Assert.Equal(answers[i].PhysicalAddress is { } pa ? "pa:0x" + pa.ToString("x", CultureInfo.InvariantCulture) : "invalid", right);
        }
    }

    [Fact]
    public void FromText_Multilevel_EveryRightChoiceIsTheSolversAnswer()
    {
        var text = OstepSamples.Multilevel();
        var quiz = OstepQuizzes.FromText(text, "p.txt");
        var answers = OstepSolver.Solve(OstepProblemReader.Read(text, "p.txt"));

        Assert.Equal("multilevel", quiz.Kind);
        for (int i = 0; i < answers.Count; i++)
        {
            var right = quiz.Questions[i].Choices[quiz.Questions[i].Correct].Id;
            var expected = answers[i].Result == "ok"
                ? string.Create(CultureInfo.InvariantCulture, $"pa:0x{answers[i].PhysicalAddress:x}:{answers[i].Value:x2}")
                : answers[i].Result;
            Assert.Equal(expected, right);
        }
    }

    [Theory]
    [InlineData("FIFO")]
    [InlineData("LRU")]
    [InlineData("OPT")]
    [InlineData("RAND")]
    [InlineData("CLOCK")]
    public void FromText_Policy_RightChoiceIsHitOrTheVictim(string policy)
    {
        var text = OstepPolicySamples.Generated(policy);
        var quiz = OstepQuizzes.FromText(text, "p.txt");
        var steps = OstepPolicySolver.Solve(OstepPolicyProblemReader.Read(text, "p.txt"));

        Assert.Equal(steps.Count, quiz.Questions.Count);
        for (int i = 0; i < steps.Count; i++)
        {
            var right = quiz.Questions[i].Choices[quiz.Questions[i].Correct].Id;
            var expected = steps[i].Hit ? "hit" : steps[i].Victim is { } v ? "evict:" + v.ToString(CultureInfo.InvariantCulture) : "miss";
            Assert.Equal(expected, right);
        }
    }

    [Fact]
    public void FromText_EveryQuestion_ChoiceIdsDistinctAndExactlyOneRight()
    {
        foreach (var text in new[] { OstepSamples.Linear, OstepSamples.Multilevel(), OstepPolicySamples.Generated("CLOCK") })
        {
            foreach (var q in OstepQuizzes.FromText(text, "p.txt").Questions)
            {
                Assert.Equal(q.Choices.Count, q.Choices.Select(c => c.Id).Distinct().Count());
                Assert.InRange(q.Correct, 0, q.Choices.Count - 1);
                Assert.True(q.Choices.Count >= 2);
                Assert.False(string.IsNullOrWhiteSpace(q.Why.En));
                Assert.False(string.IsNullOrWhiteSpace(q.Why.Zh));
            }
        }
    }

    [Fact]
    public void Answer_WrongChoice_CaughtAndCounted()
    {
        foreach (var text in new[] { OstepSamples.Linear, OstepSamples.Multilevel(), OstepPolicySamples.Generated("FIFO") })
        {
            var session = new OstepQuizSession(OstepQuizzes.FromText(text, "p.txt"));
            var first = session.Quiz.Questions[0];

            var verdict = session.Answer((first.Correct + 1) % first.Choices.Count);

            Assert.False(verdict.Right);
            Assert.Equal(0, session.RightCount);
            Assert.True(session.Answer(session.Quiz.Questions[1].Correct).Right);
            Assert.Equal(1, session.RightCount);
        }
    }

    [Fact]
    public void Answer_AfterTheLast_Throws()
    {
        var session = new OstepQuizSession(OstepQuizzes.FromText(OstepSamples.Linear, "p.txt"));
        foreach (var q in session.Quiz.Questions)
        {
            session.Answer(q.Correct);
        }

        Assert.True(session.Finished);
        Assert.Throws<InvalidOperationException>(() => session.Answer(0));
    }

    [Fact]
    public void FromText_Rand_ContextShowsTheDrawThatNamesTheVictim()
    {
        var quiz = OstepQuizzes.FromText(OstepPolicySamples.Generated("RAND"), "p.txt");

        var fourth = quiz.Questions[3]; // page 2 with memory [8, 7, 4] full: the first victim
        Assert.Contains(fourth.Context, w => w.En.StartsWith("The seeded generator's next draws", StringComparison.Ordinal));
        Assert.Contains("RAND evicts memory[", fourth.Why.En, StringComparison.Ordinal);
    }

    [Fact]
    public void FromText_ClockHitWithMemoryFull_StillShowsTheComingDraws()
    {
        var text = OstepPolicySolverTests.Problem(77, "CLOCK", 3, 60, 6, 2);
        var quiz = OstepQuizzes.FromText(text, "p.txt");
        var steps = OstepPolicySolver.Solve(OstepPolicyProblemReader.Read(text, "p.txt"));

        // A hit with memory full before it, with an eviction still to come.
        var hit = Enumerable.Range(1, steps.Count - 1).First(i => steps[i].Hit && steps[i - 1].Memory.Count == 3 && steps.Skip(i).Any(s => s.Draws.Count > 0));
        var next = steps.Skip(hit).First(s => s.Draws.Count > 0);
        var context = quiz.Questions[hit].Context.Select(w => w.En).ToList();
        Assert.True(context.Any(w => w.StartsWith("The seeded generator's next draws", StringComparison.Ordinal) && w.EndsWith(": " + string.Join(", ", next.Draws), StringComparison.Ordinal)),
            $"question {hit + 1}: {string.Join(" | ", context)}; next draws {string.Join(", ", next.Draws)}");
    }
}
