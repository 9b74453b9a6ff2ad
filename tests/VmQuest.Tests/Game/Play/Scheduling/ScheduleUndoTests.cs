using VmQuest.Play;
using VmQuest.Play.Scheduling;
using VmQuest.Rules;

namespace VmQuest.Tests.Game.Play.Scheduling;

/// <summary>Undo and rewind (generic over sessions) on a schedule level, whose ticks are stretches between decisions.</summary>
public class ScheduleUndoTests
{
    [Fact]
    public void Undo_LastChoice_IsBackAtThatSchedulingPointWithTheSameState()
    {
        var play = new LevelPlay(ScheduleLevels.Flush());
        play.Session.Run();
        play.Act("run", [new("pid", "1")]);
        var before = StateHash.Of(play.Session.Kernel);
        var tick = play.Session.Tick;

        play.Act("run", [new("pid", "2")]);
        Assert.True(play.Undo());

        var session = (ScheduleSession)play.Session;
        Assert.True(session.IsWaiting);
        Assert.Equal(tick, session.Tick);
        Assert.Equal(1, session.CurrentPid);
        Assert.Equal(before, StateHash.Of(session.Kernel));
    }

    [Fact]
    public void RewindTo_Start_WaitsForTheFirstChoiceAgain()
    {
        var play = new LevelPlay(ScheduleLevels.Pcid());
        play.Session.Run();
        play.Act("run", [new("pid", "3")]);
        play.Act("run", [new("pid", "1")]);

        play.RewindTo(0);

        var session = (ScheduleSession)play.Session;
        Assert.Equal(0, session.Tick);
        Assert.Empty(session.AppliedActions);
        session.Run();
        Assert.Equal([1, 2, 3], session.Choices);
        Assert.Equal(0, session.CurrentPid);
    }
}
