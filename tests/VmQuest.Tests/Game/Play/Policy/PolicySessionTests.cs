using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Play.Policy;

namespace VmQuest.Tests.Game.Play.Policy;

public class PolicySessionTests
{
    private static PolicySession Started(IHiddenTestSeeds? seeds = null)
    {
        var session = new PolicySession(PolicyLevels.Aging(), seeds: seeds ?? PolicyLevels.Seeds);
        session.Run();
        return session;
    }

    [Fact]
    public void Run_BeforeThePolicy_WaitsAtTickZero()
    {
        var session = Started();

        Assert.True(session.IsWaiting);
        Assert.Equal(0, session.Tick);
        Assert.Equal(0, session.Metric(MetricKind.PolicySize));
    }

    [Fact]
    public void Submit_Aging_RunsTheWholeTraceAndWinsWithItsMetrics()
    {
        var session = Started();

        Assert.Null(session.Submit(PolicyLibrary.Aging));
        session.Run();

        Assert.True(session.IsWon, session.Failure);
        Assert.Equal(400, session.Tick);
        Assert.Equal(55, session.Metric(MetricKind.Faults));
        Assert.Equal(31, session.Metric(MetricKind.PolicySize));
        Assert.Equal(8, session.HiddenResults.Count);
        Assert.All(session.HiddenResults, r => Assert.True(r.Passed));
    }

    [Fact]
    public void Submit_NotCompiling_IsAMistakeExplainedWithLineAndColumn()
    {
        var session = Started();

        var why = session.Submit("on evict scan loaded:\n  if accessed evict\n");

        Assert.Equal("the policy does not compile: 2:15: expected ':' after the test of 'if', then the statements to run when it holds, found \"evict\"", why);
        Assert.Equal(1, session.Mistakes);
        Assert.True(session.IsWaiting);
        Assert.Equal(0, session.Tick);
        Assert.Equal("mistake", session.AppliedActions.Single().Kind);
    }

    [Fact]
    public void LastRefusalIn_Chinese_CompileErrorKeepsItsPositionAndTheEnglish()
    {
        var session = Started();

        var why = session.Submit("on evict scan loaded:\n  if accessed evict\n");

        Assert.Equal("the policy does not compile: 2:15: expected ':' after the test of 'if', then the statements to run when it holds, found \"evict\"", why);
        Assert.Equal(why, session.LastRefusal);
        Assert.Equal("策略无法编译：2:15: 'if' 的条件之后应当是 ':'，然后是条件成立时要运行的语句，却是 \"evict\"", session.LastRefusalIn("zh-Hans"));
    }

    [Fact]
    public void LastRefusalIn_Chinese_EveryRefusalOfTheSessionHasItsTranslation()
    {
        var session = Started();
        void Refused(string? why)
        {
            Assert.NotNull(why);
            Assert.Equal(why, session.LastRefusal);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", session.LastRefusalIn("zh-Hans"));
        }

        Refused(session.Act("victim", [new("frame", "1")]));
        Refused(session.Act(PolicySession.PolicyKind, [new("text", "!!")]));
        Refused(session.Act(PolicySession.PolicyKind, [new("page", "1")]));
        Refused(session.Submit(""));
        Refused(session.Submit("on evict scan Loaded: evict\n"));
        Assert.Null(session.Submit(PolicyLibrary.Aging));
        Refused(session.Submit(PolicyLibrary.Aging));
        Assert.Equal("策略已经在运行：它在第 0 个 tick 提交，此后由它做出每一个决定（撤销后可以重写）", session.LastRefusalIn("zh-Hans"));
    }

    [Fact]
    public void FailureIn_Chinese_RuntimeErrorKeepsItsTickAndPosition()
    {
        var session = Started();

        session.Submit("on evict scan 100 / (loaded - loaded): evict\n");
        session.Run();

        Assert.Matches(@"^the policy failed at tick \d+: 1:19: division by zero$", session.Failure);
        Assert.Equal(session.Failure, session.FailureIn("en"));
        Assert.Matches(@"^策略失败于第 \d+ 个 tick：1:19: 除数为零$", session.FailureIn("zh-Hans"));
    }

    [Fact]
    public void Act_NotBase64Url_IsRefusedWithWhy()
    {
        var session = Started();

        var why = session.Act("policy", [new("text", "not*base64")]);


        Assert.StartsWith("the policy's text is carried as base64url", why);
    }

    [Fact]
    public void Act_OtherKindOrArgument_IsRefusedNamingTheLevelsAction()
    {
        var session = Started();

        Assert.StartsWith("'victim' is not an action of this level (its action: policy text=BASE64URL", session.Act("victim", [new("frame", "3")]));
        Assert.Equal("a policy action carries the policy's text as text=BASE64URL arguments (1 to 15, in order), and nothing else", session.Act("policy", [new("code", "abc")]));
    }

    [Fact]
    public void Submit_TooLongToRecord_IsRefusedBeforeItBecomesAnAction()
    {
        var session = Started();

        var why = session.Submit(new string('#', PolicyText.MaxBytes + 1));

        Assert.Equal("a policy has at most 2700 bytes of text (what one replay line carries); this one has 2701", why);
        Assert.Empty(session.AppliedActions);
    }

    [Fact]
    public void Submit_LongestPolicy_IsCarriedInFifteenChunksThatFitAReplayLine()
    {
        var text = "on evict scan loaded: evict\n" + new string('#', PolicyText.MaxBytes - 28);
        var arguments = PolicyText.Encode(text);

        Assert.Equal(15, arguments.Count);
        Assert.Equal(text, PolicyText.TryDecode(arguments, out _));
        Assert.All(arguments, a => Assert.True(VmQuest.Replays.ReplayFormat.IsWord(a.Value)));
    }

    [Fact]
    public void Submit_Twice_TheSecondIsRefusedBecauseThePolicyAlreadyRuns()
    {
        var session = new PolicySession(PolicyLevels.Aging(), seeds: PolicyLevels.Seeds);
        session.Run();
        session.Submit(PolicyLibrary.Fifo);

        var why = session.Submit(PolicyLibrary.Clock);

        Assert.Equal("the policy is already running: it was submitted at tick 0 and makes every decision from there (undo to rewrite it)", why);
        Assert.Equal(1, session.Mistakes);
    }

    [Fact]
    public void Submit_NeverChoosesAVictim_FailsAtThatTickWithTheBudgetError()
    {
        var session = Started();

        session.Submit("on evict scan loaded: skip\n");
        session.Run();

        Assert.True(session.IsFinished);
        Assert.False(session.IsWon);
        // Four frames fill on the first four distinct pages; the fifth distinct page needs the first victim.
        Assert.Matches(@"^the policy failed at tick \d+: 1:23: the policy took more than 10000 steps in one run of this section", session.Failure);
    }

    [Fact]
    public void Submit_DivisionByZero_FailsWithItsPlace()
    {
        var session = Started();

        session.Submit("on evict scan 100 / (loaded - loaded): evict\n");
        session.Run();

        Assert.Matches(@"^the policy failed at tick \d+: 1:19: division by zero$", session.Failure);
    }

    [Fact]
    public void Submit_Overflow_FailsWithItsPlace()
    {
        var session = Started();

        session.Submit("on load: x = 9223372036854775807\non evict scan x + 1: evict\n");
        session.Run();

        Assert.True(session.IsFinished);
        Assert.Matches(@"^the policy failed at tick \d+: 2:17: the value does not fit 64 bits", session.Failure);
    }

    [Fact]
    public void Submit_ClearAccessed_ClearsTheBitInThePteAndTheNextUseSetsItAgain()
    {
        var session = Started();
        session.Submit("on tick 1: clear accessed\non evict scan loaded: evict\n");
        session.Run(untilTick: 10);

        // Before tick 10's reference runs, on tick clears every bit; the bits set now are those of references since.
        var memory = session.Memory!;
        var last = session.References[9].Page;
        Assert.All(memory.Pages, p => Assert.Equal(p.Page == (long)last ? 1 : 0, memory.Accessed(p)));
    }

    [Fact]
    public void Session_SameActions_GiveTheSameStateHashesAndMetrics()
    {
        PolicySession Play()
        {
            var session = Started();
            session.Submit(PolicyLibrary.Clock);
            session.Run();
            return session;
        }

        var (first, second) = (Play(), Play());

        Assert.NotEmpty(first.Checkpoints);
        Assert.Equal(first.Checkpoints, second.Checkpoints);
        Assert.Equal(first.Metrics(), second.Metrics());
    }

    [Fact]
    public void Faults_Session_EqualTheStandaloneRunOfTheSamePolicy()
    {
        var level = PolicyLevels.Aging();
        var session = PolicyPlayers.Play(level, 0, PolicyLibrary.Aging, PolicyLevels.Seeds);

        var run = PolicyTraceRun.WithProgram(level, LevelReferences.Of(level), level.Frames!.Value, session.Program!);

        Assert.Equal(session.Metric(MetricKind.Faults), run.Faults);
    }

    [Fact]
    public void Players_Default_IsTheKernelsFifoAndMissesTheFaultsPar()
    {
        var level = PolicyLevels.Aging();

        var session = PolicyPlayers.Instance.PlayDefault(level);

        Assert.Equal(90, session.Metric(MetricKind.Faults));
        Assert.True(session.Metric(MetricKind.Faults) > level.ParOf(MetricKind.Faults));
    }

    [Fact]
    public void Players_Reference_MeetsEveryParAndOptIsBelowIt()
    {
        var level = PolicyLevels.Aging();

        var session = PolicyPlayers.Instance.PlayReference(level);

        Assert.True(session.IsWon, session.Failure);
        Assert.All(level.Metrics, m => Assert.True(session.Metric(m.Kind) <= m.Par, m.Name));
        Assert.Equal(42, VictimOptimum.OptFaults(level));
    }

    [Fact]
    public void Undo_AfterTheRun_TakesThePolicyBackToTickZero()
    {
        var play = new LevelPlay(PolicyLevels.Aging());
        play.Session.Run();
        Assert.Null(play.Act("policy", PolicyText.Encode(PolicyLibrary.Fifo)));
        play.Session.Run();
        Assert.True(play.Session.IsFinished);

        Assert.True(play.Undo());

        var session = Assert.IsType<PolicySession>(play.Session);
        Assert.True(session.IsWaiting);
        Assert.Equal(0, session.Tick);
        Assert.Null(session.Program);
    }

    [Fact]
    public void PlayDefault_KernelPolicyTheLanguageCannotWrite_IsRefusedInOneLine()
    {
        var level = PolicyLevels.Aging() with { Kernel = PolicyLevels.Aging().Kernel with { Policy = "lru" } };

        var error = Assert.Throws<VmQuest.Engine.Formats.FormatParseException>(() => PolicyPlayers.Instance.PlayDefault(level));

        Assert.Contains("kernel.policy lru cannot be written in the rule language", error.Message);
    }

    [Fact]
    public void Cycles_APolicyThatScansMore_CostsMoreCycles()
    {
        var level = PolicyLevels.Aging();
        // The same victims as FIFO, but every decision first looks at every page once more.
        var slower = PolicyPlayers.Play(level, 0, "on evict scan loaded:\n  if resident < 0: skip\n  if 0 == 1: skip\n  evict\n", PolicyLevels.Seeds);
        var fifo = PolicyPlayers.Play(level, 0, PolicyLibrary.Fifo, PolicyLevels.Seeds);

        Assert.Equal(fifo.Metric(MetricKind.Faults), slower.Metric(MetricKind.Faults));
        Assert.True(slower.Metric(MetricKind.Cycles) > fifo.Metric(MetricKind.Cycles));
    }

    [Fact]
    public void Create_PolicyLevel_IsAPolicySession()
    {
        Assert.IsType<PolicySession>(LevelSessions.Create(PolicyLevels.Aging()));
        Assert.IsType<PolicyPlayers>(LevelSessions.PlayersOf(PolicyLevels.Aging()));
    }

    [Fact]
    public void Create_PolicyLevelThatAlsoHandsOverVictims_IsRefusedInOneLine()
    {
        var level = PolicyLevels.Aging() with { Player = new LevelPlayer([Mechanic.Victim, Mechanic.Policy], false) };

        var error = Assert.Throws<VmQuest.Engine.Formats.FormatParseException>(() => new PolicySession(level));

        Assert.Contains("a policy level hands the player the policy alone", error.Message);
    }
}
