using FsCheck;
using FsCheck.Fluent;
using VmQuest.Levels.Model;
using VmQuest.Play.Scheduling;

namespace VmQuest.Tests.Game.Play.Scheduling;

public class ScheduleOptimumTests
{
    public static TheoryData<string> Levels() => ["flush", "pcid"];

    private static Level Load(string name) => name == "flush" ? ScheduleLevels.Flush() : ScheduleLevels.Pcid();

    [Theory]
    [MemberData(nameof(Levels))]
    public void AllOrders_ShippedLevel_TheStatedBoundsAreTheBestOrders(string name)
    {
        var level = Load(name);
        var orders = ScheduleOptimum.AllOrders(level);

        Assert.Equal(6, orders.Count);
        Assert.All(orders, o => Assert.True(o.Won));
        Assert.Equal(level.Optimum.Single(o => o.Metric == MetricKind.Cycles).Bound, orders.Min(o => o.Cycles));
        Assert.Equal(level.Optimum.Single(o => o.Metric == MetricKind.Actions).Bound, orders.Min(o => o.Actions));
    }

    [Fact]
    public void Best_Flush_IsAnOrderThatRunsTheLoggerLast()
    {
        var best = ScheduleOptimum.Best(ScheduleLevels.Flush());

        Assert.Equal([1, 2, 3], best.Order);
        Assert.Equal(11, best.Actions);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void RunNext_AnyLegalSchedule_WinsAndNeverBeatsTheBounds(string name)
    {
        var level = Load(name);
        var cycles = level.Optimum.Single(o => o.Metric == MetricKind.Cycles).Bound!.Value;
        var actions = level.Optimum.Single(o => o.Metric == MetricKind.Actions).Bound!.Value;
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var session = new ScheduleSession(level);
            session.Run();
            while (session.IsWaiting)
            {
                var refused = session.RunNext(session.Choices[random.Next(session.Choices.Count)]);
                if (refused is not null)
                {
                    return false;
                }

                session.Run();
            }

            return session.IsWon && session.Metric(MetricKind.Cycles) >= cycles && session.Actions >= actions;
        });
        // Each case plays a whole level: 40 random schedules per level keep the test quick.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }
}
