using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Levels.Model;
using VmQuest.Play.Scheduling;
using VmQuest.Replays;
using VmQuest.Rules;

namespace VmQuest.Tests.Game.Play.Scheduling;

public class ScheduleSessionTests
{
    private static ScheduleSession Started(Level level)
    {
        var session = new ScheduleSession(level);
        session.Run();
        return session;
    }

    [Fact]
    public void Run_Start_WaitsAtTickZeroWithEveryProcessRunnable()
    {
        var session = Started(ScheduleLevels.Flush());

        Assert.True(session.IsWaiting);
        Assert.Equal(0, session.Tick);
        Assert.Equal([1, 2, 3], session.Choices);
        Assert.Equal(0, session.CurrentPid);
        Assert.Equal(["sorter", "indexer", "logger"], session.RunQueue().Select(p => p.Name));
        Assert.All(session.RunQueue(), p => Assert.True(p.IsRunnable));
    }

    [Fact]
    public void RunNext_FirstChoice_RunsThatProcessUntilItYields()
    {
        var session = Started(ScheduleLevels.Flush());

        Assert.Null(session.RunNext(2));
        session.Run();

        Assert.True(session.IsWaiting);
        Assert.Equal(1, session.Tick);
        Assert.Equal(2, session.CurrentPid);
        Assert.Equal("pid 2 (indexer) gave up the CPU", session.PendingReason);
        var indexer = session.RunQueue().Single(p => p.Pid == 2);
        Assert.Equal(12, indexer.PagesTouched);
        Assert.True(indexer.CyclesUsed > 0);
        Assert.Equal(0, session.RunQueue().Single(p => p.Pid == 1).CyclesUsed);
    }

    [Fact]
    public void CostOf_RunningProcess_IsFreeAndKeepsItsEntries()
    {
        var session = Started(ScheduleLevels.Flush());
        session.RunNext(1);
        session.Run();
        var switches = session.Kernel.Counters.ContextSwitches;

        var cost = session.CostOf(1);
        session.RunNext(1);

        Assert.Equal(0, cost.Cycles);
        Assert.False(cost.Flushes);
        Assert.Equal(8, cost.WarmEntries);
        Assert.Equal(switches, session.Kernel.Counters.ContextSwitches);
    }

    [Fact]
    public void CostOf_OtherProcessWithoutPcid_ChargesTheCr3LoadAndTheFlush()
    {
        var session = Started(ScheduleLevels.Flush());
        session.RunNext(1);
        session.Run();
        var costs = session.Kernel.Machine.Description.Costs;

        var cost = session.CostOf(2);

        Assert.True(cost.Flushes);
        Assert.Equal(costs.ContextSwitch + costs.TlbFlush, cost.Cycles);
        Assert.Equal(0, cost.WarmEntries);
    }

    [Fact]
    public void CostOf_ProcessThatRanBeforeWithPcid_FindsItsEntriesStillThere()
    {
        var session = Started(ScheduleLevels.Pcid());
        session.RunNext(1);
        session.Run();
        session.RunNext(3);
        session.Run();

        var cost = session.CostOf(1);

        Assert.False(cost.Flushes);
        Assert.Equal(session.Kernel.Machine.Description.Costs.ContextSwitch, cost.Cycles);
        // The logger's four faults invalidated the translations of its four virtual pages, which the sorter uses
        // too (invlpg drops a page's entries of every PCID): four of the sorter's eight survive.
        Assert.Equal(4, cost.WarmEntries);
        Assert.Equal(4, session.RunQueue().Single(p => p.Pid == 1).TlbEntries);
    }

    [Fact]
    public void RunNext_ExitedProcess_IsRefusedWithWhyAndChangesNothing()
    {
        var session = Started(ScheduleLevels.Flush());
        while (session.RunQueue().Single(p => p.Pid == 3).State != ProcessState.Zombie)
        {
            session.RunNext(3);
            session.Run();
        }

        var before = StateHash.Of(session.Kernel);
        var why = session.RunNext(3);

        Assert.Equal("pid 3 (logger) has exited: only runnable processes can be chosen, and an exited one has no work left and no address space to load into CR3", why);
        Assert.Equal(why, session.LastRefusal);
        Assert.Equal(1, session.Mistakes);
        Assert.True(session.IsWaiting);
        Assert.Equal(before, StateHash.Of(session.Kernel));
        Assert.Equal("mistake", session.AppliedActions[^1].Kind);
    }

    [Fact]
    public void RunNext_BlockedProcess_IsRefusedBecauseItWaitsForItsChild()
    {
        var session = Started(ScheduleLevels.Waiting());
        session.RunNext(1);
        session.Run();

        Assert.Equal("pid 1 (parent) blocked in wait", session.PendingReason);
        Assert.Equal([2, 3], session.Choices);
        Assert.Equal(
            "pid 1 (parent) is blocked in wait until a child exits: only runnable processes can be chosen, a blocked one would give the CPU straight back",
            session.RunNext(1));
    }

    [Fact]
    public void RunNext_BlockedParent_RunsAgainOnceItsChildExits()
    {
        var session = Started(ScheduleLevels.Waiting());
        session.RunNext(1);
        session.Run();
        while (session.IsWaiting)
        {
            session.RunNext(session.Choices.Contains(3) ? 3 : session.Choices[0]);
            session.Run();
        }

        Assert.True(session.IsWon, session.Failure);
        Assert.All(session.RunQueue(), p => Assert.Equal(0, p.ExitStatus));
    }

    [Fact]
    public void RunNext_UnknownPid_NamesTheLevelsProcesses()
    {
        var session = Started(ScheduleLevels.Flush());

        Assert.Equal("pid 9 is not a process of this level: its processes are pids 1, 2, 3", session.RunNext(9));
    }

    [Theory]
    [InlineData("victim", "frame=1", "'victim' is not an action of this level (its action: run pid=N)")]
    [InlineData("run", "frame=1", "a run action takes one argument, pid=N (a process id)")]
    [InlineData("run", "pid=-1", "a run action takes one argument, pid=N (a process id)")]
    public void Act_MalformedAction_IsRefusedWithTheActionsShape(string kind, string argument, string expected)
    {
        var session = Started(ScheduleLevels.Flush());
        var pair = argument.Split('=');

        Assert.Equal(expected, session.Act(kind, [new(pair[0], pair[1])]));
        Assert.Equal(1, session.Mistakes);
    }

    [Fact]
    public void WhyIllegal_AfterEveryProcessExited_SaysNoDecisionIsPending()
    {
        var session = Started(ScheduleLevels.Flush());
        OrderedSchedulePlayer.PlayToEnd(session, [1, 2, 3]);

        Assert.True(session.IsWon);
        Assert.Equal("every process has exited: no decision is pending", session.WhyIllegal(1));
        Assert.Equal("the level is over: no decision is pending", session.RunNext(1));
    }

    [Fact]
    public void Run_SameActions_GiveTheSameStateHashes()
    {
        static IReadOnlyList<StateCheckpoint> Play()
        {
            var session = Started(ScheduleLevels.Flush());
            var choices = new[] { 3, 1, 2, 3, 3, 1 };
            foreach (var pid in choices)
            {
                session.RunNext(pid);
                session.Run();
            }

            OrderedSchedulePlayer.PlayToEnd(session, [2, 1, 3]);
            return [.. session.Checkpoints];
        }

        var first = Play();

        Assert.NotEmpty(first);
        Assert.Equal(first, Play());
    }

    [Fact]
    public void PlayDefault_RoundRobin_SwitchesAtEveryYieldAndMissesTheCyclesPar()
    {
        var level = ScheduleLevels.Flush();
        var session = SchedulePlayers.Instance.PlayDefault(level);

        Assert.True(session.IsWon);
        Assert.Equal(0, session.Actions);
        Assert.Equal(82_523, session.Metric(MetricKind.Cycles));
        Assert.Equal(132, session.Metric(MetricKind.TlbMisses));
        Assert.True(session.Metric(MetricKind.Cycles) > level.Metrics.Single(m => m.Kind == MetricKind.Cycles).Par);
    }

    [Fact]
    public void PlayDefault_WithPcid_MissesFewerButStillMissesTheCyclesPar()
    {
        var level = ScheduleLevels.Pcid();
        var session = SchedulePlayers.Instance.PlayDefault(level);

        Assert.Equal(75_523, session.Metric(MetricKind.Cycles));
        Assert.Equal(76, session.Metric(MetricKind.TlbMisses));
        Assert.True(session.Metric(MetricKind.Cycles) > level.Metrics.Single(m => m.Kind == MetricKind.Cycles).Par);
    }

    [Fact]
    public void PlayReference_Flush_RunsTheLoggerLastWithElevenDecisions()
    {
        var session = (ScheduleSession)SchedulePlayers.Instance.PlayReference(ScheduleLevels.Flush());

        Assert.True(session.IsWon);
        Assert.Equal(11, session.Actions);
        Assert.Equal(58_723, session.Metric(MetricKind.Cycles));
        Assert.Equal(48, session.Metric(MetricKind.TlbMisses));
        // The logger yields most often: it runs last, alone, so none of its yields is a decision.
        Assert.DoesNotContain(session.AppliedActions, a => a.Arguments.Single().Value == "3");
    }

    [Fact]
    public void Create_OneProcess_IsRefusedWhenTheLevelLoads()
    {
        var e = Assert.ThrowsAny<FormatParseException>(() => new ScheduleSession(ScheduleLevels.Parse("""
              - name: only
                program: |
                  yield
            """)));

        Assert.Contains("at least two processes", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Create_LevelWithATrace_IsRefusedInOneLine()
    {
        var rest = "traces:\n  - name: t\n    generator: { kind: uniform, length: 10, pages: 4, seed: 1 }\n" + ScheduleLevels.DefaultRest;

        var e = Assert.ThrowsAny<FormatParseException>(() => new ScheduleSession(ScheduleLevels.Parse(TwoYielders, rest)));

        Assert.Contains("a schedule level runs processes only: it needs at least two processes and no traces", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Create_GoalItCannotCheck_IsRefused()
    {
        var rest = ScheduleLevels.DefaultRest.Replace("- kind: all-exit", "- { kind: killed, process: a }", StringComparison.Ordinal);

        var e = Assert.ThrowsAny<FormatParseException>(() => new ScheduleSession(ScheduleLevels.Parse(TwoYielders, rest)));

        Assert.Contains("cannot be checked on a schedule level (its goals: all-exit, exits)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ProcessExitsWithAnotherStatus_FailsTheGoalAndSaysWhich()
    {
        var level = ScheduleLevels.Parse("""
              - name: a
                program: |
                  exit 3
              - name: b
                program: |
                  yield
            """);
        var session = Started(level);
        session.RunNext(1);
        session.Run();

        Assert.True(session.IsFinished);
        Assert.False(session.IsWon);
        Assert.Equal("pid 1 (a) exited with status 3: the goal needs status 0", session.Failure);
    }

    private const string TwoYielders = """
          - name: a
            program: |
              yield
          - name: b
            program: |
              yield
        """;
}
