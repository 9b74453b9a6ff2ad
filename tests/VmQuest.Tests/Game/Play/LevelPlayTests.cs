using System.Globalization;
using VmQuest.Play;
using VmQuest.Rules;

namespace VmQuest.Tests.Game.Play;

public class LevelPlayTests
{
    [Fact]
    public void Undo_AfterTwoChoices_IsBackAtTheSecondDecisionWithTheSameState()
    {
        var play = new LevelPlay(ShippedLevels.Belady());
        Assert.Null(Evict(play, OptimalVictimPlayer.Choose((VictimSession)play.Session)));
        var tick = play.Session.Tick;
        var hash = StateHash.Of(play.Session.Kernel);
        var second = OptimalVictimPlayer.Choose((VictimSession)play.Session);
        Assert.Null(Evict(play, second));

        Assert.True(play.Undo());

        Assert.True(play.Session.IsWaiting);
        Assert.Equal(tick, play.Session.Tick);
        Assert.Equal(hash, StateHash.Of(play.Session.Kernel));
        Assert.Equal(1, play.Session.Actions);
    }

    [Fact]
    public void Undo_NoChoiceYet_ReturnsFalse() => Assert.False(new LevelPlay(ShippedLevels.Belady()).Undo());

    [Fact]
    public void RewindTo_EarlierTick_ReSimulatesTheSameCheckpoints()
    {
        var play = new LevelPlay(ShippedLevels.Belady(), hashInterval: 1);
        while (play.Session.IsWaiting)
        {
            Evict(play, OptimalVictimPlayer.Choose((VictimSession)play.Session));
        }

        var full = play.Session.Checkpoints.ToList();

        play.RewindTo(8);

        Assert.Equal(8, play.Session.Tick);
        Assert.Equal(full.Take(8), play.Session.Checkpoints);
        Assert.Equal(12, full.Count);
        Assert.Equal(2, play.Session.AppliedActions.Count);
    }

    private static string? Evict(LevelPlay play, ulong frame) => play.Act("victim", [new("frame", frame.ToString(CultureInfo.InvariantCulture))]);
}
