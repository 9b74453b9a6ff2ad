using VmQuest.Levels.Model;
using VmQuest.Progress;

namespace VmQuest.Tests.Game.Progress;

/// <summary>The per-mechanic optimum registry.</summary>
public sealed class LevelOptimaTests
{
    [Fact]
    public void Of_VictimOptFaults_BeladysOptOnTheTrace()
    {
        Assert.Equal(7, LevelOptima.Of(ProgressSamples.Belady, MetricKind.Faults));
        Assert.True(LevelOptima.CanCompute(Mechanic.Victim));
    }

    [Fact]
    public void Of_MetricWithoutAnOptimum_Null()
    {
        Assert.Null(LevelOptima.Of(ProgressSamples.Belady, MetricKind.Actions));
        Assert.Null(LevelOptima.Of(ProgressSamples.Belady, MetricKind.Cycles));
    }

    [Fact]
    public void Of_StatedBound_TheBoundWhateverTheMechanic()
    {
        var level = ProgressSamples.Belady with
        {
            Player = new LevelPlayer([Mechanic.Schedule], false),
            Optimum = [new LevelOptimum(MetricKind.Cycles, OptimumKind.Bound, 1_000_000)],
            Hash = "bound-test",
        };

        Assert.Equal(1_000_000, LevelOptima.Of(level, MetricKind.Cycles));
    }

    [Fact]
    public void Of_ComputedKindOfAMechanicNotRegistered_NullRatherThanAGuess()
    {
        var level = ProgressSamples.Belady with
        {
            Player = new LevelPlayer([Mechanic.Translate], false),
            Optimum = [new LevelOptimum(MetricKind.Actions, OptimumKind.MinActions, null)],
            Hash = "unregistered-test",
        };

        Assert.Null(LevelOptima.Of(level, MetricKind.Actions));
    }
}
