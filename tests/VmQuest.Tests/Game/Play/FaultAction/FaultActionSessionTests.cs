using VmQuest.Engine.Kernel.Faults;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Play.FaultAction;
using VmQuest.Rules;

namespace VmQuest.Tests.Game.Play.FaultAction;

public class FaultActionSessionTests
{
    [Fact]
    public void Run_FirstFault_WaitsForTheCrashersStackWrite()
    {
        var session = new FaultActionSession(FaultLevels.FirstFaults());
        session.Run();

        Assert.True(session.IsWaiting);
        var fault = session.PendingFault!;
        Assert.Equal(session.PidOf("crasher"), fault.Pid);
        Assert.Equal(FaultOutcome.DemandZero, fault.Outcome);
        Assert.True(fault.NeedsFrame);
        Assert.NotEmpty(session.FrameChoices());
    }

    [Fact]
    public void Answer_WrongAction_IsAMistakeThatTeachesAndChangesNothing()
    {
        var session = new FaultActionSession(FaultLevels.FirstFaults());
        session.Run();
        var before = StateHash.Of(session.Kernel);
        var frame = session.FrameChoices()[0];

        var why = session.Answer(FaultActions.FileRead, frame: frame);

        Assert.Equal("not file-read: the PTE for 0x7fffffffeec0 is empty and its VMA (0x7ffffffde000–0x7ffffffff000 rw-p stack) is anonymous: "
            + "this page was never touched, so there is nothing to read — the kernel maps a zeroed frame (demand-zero)", why);
        Assert.Equal(1, session.Mistakes);
        Assert.Equal(0, session.Actions);
        Assert.True(session.IsWaiting);
        Assert.Equal(before, StateHash.Of(session.Kernel));
        Assert.Equal("mistake", session.AppliedActions[^1].Kind);
    }

    [Fact]
    public void Answer_RightAction_ResolvesTheFaultAndGoesOn()
    {
        var session = new FaultActionSession(FaultLevels.FirstFaults());
        session.Run();

        Assert.Null(FaultLevels.AnswerAsHandler(session));
        session.Run();

        Assert.Equal(1, session.Actions);
        Assert.Equal(FaultOutcome.SegvNoExecute, session.PendingFault!.Outcome);
    }

    [Fact]
    public void Answer_SigsegvWithTheWrongReason_SaysWhichReasonIsRight()
    {
        var session = FaultLevels.RunTo(FaultActions.Sigsegv);

        var why = session.Answer(FaultActions.Sigsegv, "read-only");

        Assert.StartsWith("SIGSEGV is right, but not because of read-only: ", why);
        Assert.EndsWith("(sigsegv why=no-exec)", why);
    }

    [Fact]
    public void Answer_SigsegvWithoutAReason_IsRefused()
    {
        var session = FaultLevels.RunTo(FaultActions.Sigsegv);

        Assert.Equal("sigsegv says why the access is illegal: why=no-mapping|read-only|no-exec|no-read|kernel-address", session.Answer(FaultActions.Sigsegv));
        Assert.Equal("'sideways' is not a reason for SIGSEGV (the reasons: no-mapping, read-only, no-exec, no-read, kernel-address)",
            session.Answer(FaultActions.Sigsegv, "sideways"));
    }

    [Fact]
    public void Answer_ReasonOnAnotherAction_IsRefused()
    {
        var session = new FaultActionSession(FaultLevels.FirstFaults());
        session.Run();

        var why = session.Act(FaultActions.DemandZero, [new("why", "no-mapping")]);

        Assert.Equal("'why=' does not belong here: demand-zero takes no reason and, when the fault takes a new frame, frame=N", why);
    }

    [Fact]
    public void Answer_UnknownAction_ListsTheActions()
    {
        var session = new FaultActionSession(FaultLevels.FirstFaults());
        session.Run();

        Assert.Equal("'victim' is not an action of this level (its actions: demand-zero, file-read, swap-in, cow-copy, cow-reuse, grow-stack, sigsegv, sigbus)",
            session.Act("victim", [new("frame", "3")]));
    }

    [Fact]
    public void Answer_NoFrameWhereOneIsNeeded_AsksForOne()
    {
        var session = new FaultActionSession(FaultLevels.FirstFaults());
        session.Run();

        Assert.Equal("this fault takes a new frame: say which free frame receives the page (frame=N)", session.Answer(FaultActions.DemandZero));
    }

    [Fact]
    public void Answer_FrameInUseWhileFreeOnesRemain_IsRefused()
    {
        var session = new FaultActionSession(FaultLevels.FirstFaults());
        session.Run();
        var root = session.Kernel.MemoryOf(session.PendingFault!.Pid).Root;

        var why = session.Answer(FaultActions.DemandZero, frame: root);

        Assert.Equal($"frame {root} holds a page table: while free frames remain, the new page goes to a free one", why);
    }

    [Fact]
    public void Answer_FrameThatDoesNotExist_IsRefused()
    {
        var session = new FaultActionSession(FaultLevels.FirstFaults());
        session.Run();

        Assert.Equal($"frame 99999 does not exist: the machine has frames 0 to {session.Kernel.Frames.Count - 1}", session.Answer(FaultActions.DemandZero, frame: 99999));
    }

    [Fact]
    public void Answer_FrameForAFaultThatTakesNone_IsRefused()
    {
        var session = FaultLevels.RunTo(FaultActions.CowReuse);

        Assert.Equal("this fault takes no new frame (the page it needs is already in memory): leave out frame=", session.Answer(FaultActions.CowReuse, frame: 1));
        Assert.Null(session.Answer(FaultActions.CowReuse));
    }

    [Fact]
    public void Answer_UnderPressure_NamesAResidentPageAndNotItsOwnSource()
    {
        var session = FaultLevels.RunTo(FaultActions.CowCopy);
        Assert.True(session.MemoryFull);
        var source = session.PendingFault!.PresentFrame!.Value;

        Assert.Equal($"frame {source} holds the very page being copied: it cannot make room for its own copy", session.Answer(FaultActions.CowCopy, frame: source));
        Assert.DoesNotContain(source, session.FrameChoices());
        Assert.Equal("the level's frames are all in use: name the frame whose page makes room (frame=N), it goes to swap or back to its file",
            session.Answer(FaultActions.CowCopy));
        var victim = session.FrameChoices()[0];
        var evictions = session.Counters.Evictions;
        Assert.Null(session.Answer(FaultActions.CowCopy, frame: victim));
        session.Run();
        Assert.Equal(evictions + 1, session.Counters.Evictions);
    }

    [Fact]
    public void Answer_FrameWhereTheKernelPlacesPages_IsRefused()
    {
        var level = FaultLevels.FirstFaults();
        var session = new FaultActionSession(level with { Player = level.Player with { FramePlacement = false } });
        session.Run();

        Assert.Equal("on this level the kernel places every page: leave out frame=", session.Answer(FaultActions.DemandZero, frame: 2));
        Assert.Null(session.Answer(FaultActions.DemandZero));
    }

    [Fact]
    public void Answer_ChosenFreeFrame_ReceivesThePage()
    {
        var session = new FaultActionSession(FaultLevels.FirstFaults());
        session.Run();
        var frame = session.FrameChoices()[^1];

        Assert.Null(session.Answer(FaultActions.DemandZero, frame: frame));

        Assert.Equal(VmQuest.Engine.Kernel.Memory.FrameUse.Anonymous, session.Kernel.UseOf(frame));
    }

    [Fact]
    public void Act_WhenTheLevelIsOver_IsRefused()
    {
        var session = (FaultActionSession)FaultActionPlayers.Instance.PlayReference(FaultLevels.FirstFaults());

        Assert.True(session.IsWon);
        Assert.Equal("the level is over: no decision is pending", session.Answer(FaultActions.DemandZero));
    }

    [Fact]
    public void Reference_AnswersEveryCaseOfTheMechanic()
    {
        var level = FaultLevels.FirstFaults();
        var session = new FaultActionSession(level);
        var seen = new HashSet<string>();
        session.Run();
        while (session.IsWaiting)
        {
            seen.Add(FaultActions.Expected(session.PendingFault!)!.Value.Kind);
            Assert.Null(FaultLevels.AnswerAsHandler(session));
            session.Run();
        }

        Assert.True(session.IsWon, session.Failure);
        Assert.Equal([FaultActions.DemandZero, FaultActions.FileRead, FaultActions.SwapIn, FaultActions.CowCopy, FaultActions.CowReuse, FaultActions.GrowStack, FaultActions.Sigsegv],
            FaultActions.Kinds.Where(seen.Contains));
    }

    [Fact]
    public void PlayReference_MeetsEveryPar_AndDefaultMissesCyclesAndMajorFaults()
    {
        var level = FaultLevels.FirstFaults();
        var reference = FaultActionPlayers.Instance.PlayReference(level);
        var linux = FaultActionPlayers.Instance.PlayDefault(level);

        Assert.True(reference.IsWon, reference.Failure);
        Assert.True(linux.IsWon, linux.Failure);
        Assert.All(level.Metrics, m => Assert.True(reference.Metric(m.Kind) <= m.Par, $"{m.Name} {reference.Metric(m.Kind)} > par {m.Par}"));
        Assert.True(linux.Metric(MetricKind.Cycles) > level.ParOf(MetricKind.Cycles));
        Assert.True(linux.Metric(MetricKind.MajorFaults) > level.ParOf(MetricKind.MajorFaults));
        Assert.Equal(0, linux.Actions);
    }

    [Fact]
    public void PlayReference_Twice_GivesTheSameStateHashes()
    {
        var level = FaultLevels.FirstFaults();
        var first = FaultActionPlayers.Instance.PlayReference(level);
        var second = FaultActionPlayers.Instance.PlayReference(level);

        Assert.NotEmpty(first.Checkpoints);
        Assert.Equal(first.Checkpoints, second.Checkpoints);
        Assert.Equal(Text(first), Text(second));
    }

    private static string Text(LevelSession session) =>
        string.Join('\n', session.AppliedActions.Select(a => $"{a.Tick} {a.Kind}" + string.Concat(a.Arguments.Select(x => $" {x.Key}={x.Value}"))));

    [Fact]
    public void PlayReference_FollowsTheFutureItLooksInto()
    {
        var level = FaultLevels.FirstFaults();
        var linux = (FaultActionSession)FaultActionPlayers.Instance.PlayDefault(level);
        var reference = (FaultActionSession)FaultActionPlayers.Instance.PlayReference(level);

        Assert.Equal(linux.References, reference.References);
    }

    [Fact]
    public void Create_TraceLevel_IsRefusedInOneLine()
    {
        var level = FaultLevels.FirstFaults();

        var e = Assert.Throws<VmQuest.Engine.Formats.FormatParseException>(() => new FaultActionSession(level with { Processes = [] }));

        Assert.Contains("a fault-action level runs workload programs only", e.Message);
    }

    [Fact]
    public void Create_MetricItCannotMeasure_IsRefused()
    {
        var level = FaultLevels.FirstFaults();

        var e = Assert.Throws<VmQuest.Engine.Formats.FormatParseException>(() =>
            new FaultActionSession(level with { Metrics = [.. level.Metrics, new LevelMetric(MetricKind.PolicySize, 3)] }));

        Assert.Contains("metric 'policy-size' cannot be measured on a fault-action level", e.Message);
    }

    [Fact]
    public void LevelSessions_FaultActionLevel_GetsThisMechanicsSessionAndPlayers()
    {
        var level = FaultLevels.FirstFaults();

        Assert.IsType<FaultActionSession>(LevelSessions.Create(level));
        Assert.Same(FaultActionPlayers.Instance, LevelSessions.PlayersOf(level));
    }
}
