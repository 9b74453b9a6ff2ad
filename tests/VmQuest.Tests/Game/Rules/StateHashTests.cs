using VmQuest.Play;
using VmQuest.Rules;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Rules;

public class StateHashTests
{
    private static IReadOnlyList<string> Hashes(Func<VictimSession, ulong> chooser)
    {
        var session = new VictimSession(ShippedLevels.Belady(), seed: 0, hashInterval: 1);
        session.Run();
        while (session.IsWaiting)
        {
            Assert.Null(session.ChooseVictim(chooser(session)));
            session.Run();
        }

        return [.. session.Checkpoints.Select(c => c.Hash)];
    }

    [Fact]
    public void Of_TwoIndependentRuns_GiveTheSameSequence()
    {
        var first = Hashes(OptimalVictimPlayer.Choose);
        var second = Hashes(OptimalVictimPlayer.Choose);

        Assert.Equal(12, first.Count);
        Assert.Equal(first, second);
        Assert.All(first, h => Assert.Matches("^[0-9a-f]{16}$", h));
        Assert.Equal(first.Count, first.Distinct().Count());
    }

    [Fact]
    public void Of_OneDifferentAction_ChangesTheHashesFromItsTickOn()
    {
        var optimal = Hashes(OptimalVictimPlayer.Choose);
        var decisions = 0;
        // The same as OPT except the first decision, which evicts the lowest resident frame instead.
        var other = Hashes(s => decisions++ == 0 ? s.ResidentFrames().First(f => f != OptimalVictimPlayer.Choose(s)) : OptimalVictimPlayer.Choose(s));

        Assert.Equal(optimal.Take(3), other.Take(3));
        Assert.NotEqual(optimal[3], other[3]);
    }

    [Fact]
    public void Of_SameKernel_IsStableAndReadsNothingItChanges()
    {
        var session = new VictimSession(ShippedLevels.Belady());
        session.Run();

        Assert.Equal(StateHash.Of(session.Kernel), StateHash.Of(session.Kernel));
    }
}
