using VmQuest.Play;
using VmQuest.Rules;

namespace VmQuest.Tests.Game.Play;

public class VictimPlayTests
{
    [Fact]
    public void Undo_AfterTwoChoices_IsBackAtTheSecondDecisionWithTheSameState()
    {
        var play = new VictimPlay(ShippedLevels.Belady());
        Assert.Null(play.ChooseVictim(OptimalVictimPlayer.Choose(play.Session)));
        var tick = play.Session.Tick;
        var hash = StateHash.Of(play.Session.Kernel);
        var second = OptimalVictimPlayer.Choose(play.Session);
        Assert.Null(play.ChooseVictim(second));

        Assert.True(play.Undo());

        Assert.True(play.Session.IsWaiting);
        Assert.Equal(tick, play.Session.Tick);
        Assert.Equal(hash, StateHash.Of(play.Session.Kernel));
        Assert.Equal(1, play.Session.Actions);
    }

    [Fact]
    public void Undo_NoChoiceYet_ReturnsFalse() => Assert.False(new VictimPlay(ShippedLevels.Belady()).Undo());

    [Fact]
    public void RewindTo_EarlierTick_ReSimulatesTheSameCheckpoints()
    {
        var play = new VictimPlay(ShippedLevels.Belady(), hashInterval: 1);
        while (play.Session.IsWaiting)
        {
            play.ChooseVictim(OptimalVictimPlayer.Choose(play.Session));
        }

        var full = play.Session.Checkpoints.ToList();

        play.RewindTo(8);

        Assert.Equal(8, play.Session.Tick);
        Assert.Equal(full.Take(8), play.Session.Checkpoints);
        Assert.Equal(12, full.Count);
        Assert.Equal(2, play.Session.AppliedActions.Count);
    }
}
