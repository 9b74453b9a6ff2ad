using FsCheck;
using FsCheck.Fluent;
using VmQuest.Progress;
using VmQuest.Records;
using VmQuest.Speedrun;

namespace VmQuest.Tests.Game.Progress;

/// <summary>Clock figures in the records' milliseconds: segments always satisfy the records' invariant.</summary>
public sealed class AttemptTimesTests
{
    [Fact]
    public void Between_AnyRunOfPlayAndLoads_EverySegmentValidAndTheSumIsTheTotal()
    {
        // A step of n ticks (100 ns each, × 997 so steps cross millisecond boundaries unevenly): play when n > 0,
        // a menu or loading when n < 0, as the player moves through the screens.
        var property = Prop.ForAll(Gen.Choose(-60_000, 60_000).Where(n => n != 0).ListOf().ToArbitrary(), steps =>
        {
            var real = TimeSpan.Zero;
            var load = TimeSpan.Zero;
            var previous = default(SpeedrunTimes);
            var sum = default(SpeedrunTimes);
            for (int i = 0; i < steps.Count; i++)
            {
                var step = TimeSpan.FromTicks(Math.Abs(steps[i]) * 997L);
                real += step;
                if (steps[i] < 0)
                {
                    load += step;
                }

                var cumulative = AttemptTimes.Of(new SplitTime(i, real, real - load));
                cumulative.Validate();
                var segment = AttemptTimes.Between(previous, cumulative);
                segment.Validate();
                sum += segment;
                previous = cumulative;
            }

            return previous.RealMs == sum.RealMs && Math.Abs(previous.LoadRemovedMs - sum.LoadRemovedMs) <= steps.Count;
        });
        property.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Of_FractionsOfAMillisecond_TruncatedRealAndLoadRemovedIsRealLessLoad()
    {
        var times = AttemptTimes.Of(new SplitTime(5, TimeSpan.FromTicks(19_999), TimeSpan.FromTicks(10_001)));

        // 1.9999 ms real, 0.9998 ms of load: 1 ms real, 0 ms load, so 1 ms load-removed.
        Assert.Equal(new SpeedrunTimes(5, 1, 1), times);
    }
}
