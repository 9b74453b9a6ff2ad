using VmQuest.Engine.Kernel.Reclaim;

namespace VmQuest.Tests.Engine.Kernel.Reclaim;

public class OstepPolicySimulatorTests
{
    [Fact]
    public void Run_Opt_TiesAmongNeverUsedAgainGoToTheRightmost()
    {
        // At 4, none of [1, 2, 3] is used again: paging-policy.py replaces the rightmost (3).
        var steps = OstepPolicySimulator.Run([1, 2, 3, 4], 3, OstepPolicy.Opt);
        Assert.Equal(3, steps[3].Victim);
        Assert.Equal([1L, 2, 4], steps[3].Memory);
    }

    [Fact]
    public void Run_Unopt_EvictsPageNeededSoonestAndTiesGoLeft()
    {
        var steps = OstepPolicySimulator.Run([1, 2, 3, 4, 2, 1], 3, OstepPolicy.Unopt);
        Assert.Equal(2, steps[3].Victim); // 2 is needed at t=4, before 1 at t=5
        var neverAgain = OstepPolicySimulator.Run([1, 2, 3, 4], 3, OstepPolicy.Unopt);
        Assert.Equal(1, neverAgain[3].Victim); // all tie at "never": leftmost goes
    }

    [Fact]
    public void Run_LruAndMru_HitMovesPageToTheRight()
    {
        var lru = OstepPolicySimulator.Run([1, 2, 3, 1, 4], 3, OstepPolicy.Lru);
        Assert.Equal([2L, 3, 1], lru[3].Memory);
        Assert.Equal(2, lru[4].Victim);

        var mru = OstepPolicySimulator.Run([1, 2, 3, 1, 4], 3, OstepPolicy.Mru);
        Assert.Equal(1, mru[4].Victim);
        Assert.Equal([2L, 3, 4], mru[4].Memory);
    }

    [Fact]
    public void Run_Fifo_HitDoesNotReorder()
    {
        var steps = OstepPolicySimulator.Run([1, 2, 3, 1, 4], 3, OstepPolicy.Fifo);
        Assert.True(steps[3].Hit);
        Assert.Equal([1L, 2, 3], steps[3].Memory);
        Assert.Equal(1, steps[4].Victim);
    }
}
