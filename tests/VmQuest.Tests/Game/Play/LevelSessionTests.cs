using VmQuest.Play;
using VmQuest.Rules;

namespace VmQuest.Tests.Game.Play;

public class LevelSessionTests
{
    [Fact]
    public void ScheduleOrder_AnySession_RunsActionsThenTheMechanicThenMetricsGoalsCheckpoints()
    {
        var session = new VictimSession(ShippedLevels.Belady());

        Assert.Equal(
        [
            "Input:",
            "Input: PlayerActionSystem",
            "Simulate:",
            "Simulate: MechanicStepSystem",
            "ApplyCommands:",
            "ApplyCommands: CommandBufferPlaybackSystem",
            "Present:",
            "Present: MetricsSystem",
            "Present: GoalSystem",
            "Present: CheckpointSystem",
            "Present: ObserverSystem",
        ], session.ScheduleOrder);
    }

    [Fact]
    public void Act_NothingPending_IsAMistakeThatChangesNothing()
    {
        var session = new VictimSession(ShippedLevels.Belady());
        session.Run(untilTick: 1);
        var hash = StateHash.Of(session.Kernel);

        var why = session.ChooseVictim(0);

        Assert.NotNull(why);
        Assert.Equal(1, session.Tick);
        Assert.Equal(1, session.Mistakes);
        Assert.Equal(hash, StateHash.Of(session.Kernel));
        Assert.Equal("mistake", session.AppliedActions.Single().Kind);
        Assert.Equal(new KeyValuePair<string, string>("was", "victim"), session.AppliedActions.Single().Arguments[0]);
    }

    [Fact]
    public void TickObservers_EveryTick_SeeTheTicksKernelEventsBeforeTheyAreCleared()
    {
        var session = new VictimSession(ShippedLevels.Belady());
        var faults = 0;
        session.TickObservers.Add(world => faults += world.Events<VmQuest.Engine.Kernel.PageFaultRaised>().Count);

        session.Run();

        // Pages 1, 2, 3 fault into free frames; page 4's fault is raised and waits for the player's victim.
        Assert.Equal(4, faults);
        Assert.True(session.IsWaiting);
    }

    [Fact]
    public void LastRefusalIn_ChineseWhereTheMechanicTranslated_EnglishOtherwise()
    {
        var session = new VictimSession(ShippedLevels.Belady());
        session.Run(untilTick: 1);

        session.ChooseVictim(0);

        Assert.StartsWith("no decision is pending at tick 1", session.LastRefusalIn("en"), StringComparison.Ordinal);
        Assert.StartsWith("第 1 步没有待做的决定", session.LastRefusalIn("zh-Hans"), StringComparison.Ordinal);
        Assert.Equal(session.LastRefusal, session.LastRefusalIn("fr"));
    }
}
