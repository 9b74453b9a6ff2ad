using VmQuest.Daily;
using VmQuest.Levels.Model;
using VmQuest.Play;

namespace VmQuest.Tests.Game.Daily;

public sealed class DailyLevelTests
{
    [Fact]
    public void Of_SameDate_IdenticalLevelHash()
    {
        var day = new DateOnly(2026, 12, 1);

        Assert.Equal(DailyLevel.Of(day).Hash, DailyLevel.Of(day).Hash);
        Assert.Equal(DailyLevel.TextOf(day), DailyLevel.TextOf(day));
    }

    [Fact]
    public void Of_DifferentDates_DifferentLevels()
    {
        var hashes = Enumerable.Range(0, 30).Select(i => DailyLevel.Of(new DateOnly(2026, 1, 1).AddDays(i)).Hash).ToList();

        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }

    [Fact]
    public void Of_AnyDay_IdIsTheDateAndShapeInRange()
    {
        var level = DailyLevel.Of(new DateOnly(2027, 2, 28));

        Assert.Equal("daily-2027-02-28", level.Id);
        Assert.InRange(level.Frames ?? 0, 3, 5);
        Assert.InRange(LevelReferences.Of(level).Count, 28, 40);
        Assert.Equal([Mechanic.Victim], level.Player.Mechanics);
    }

    [Fact]
    public void Of_ManyDays_OptimalReferenceBeatsTheParWhichIsAboveTheOptimum()
    {
        for (int i = 0; i < 40; i++)
        {
            var level = DailyLevel.Of(new DateOnly(2026, 11, 1).AddDays(i * 7));
            var opt = VictimOptimum.OptFaults(level);
            var par = level.ParOf(MetricKind.Faults)!.Value;
            Assert.True(par > opt, $"{level.Id}: par {par} must leave room above OPT's {opt}");

            var reference = LevelSessions.PlayersOf(level).PlayReference(level);
            Assert.True(reference.IsWon, level.Id);
            Assert.Equal(opt, reference.Metric(MetricKind.Faults));
        }
    }

    [Fact]
    public void SeedOf_NeighbouringDays_Unrelated()
    {
        Assert.NotEqual(DailyLevel.SeedOf(new DateOnly(2026, 12, 1)), DailyLevel.SeedOf(new DateOnly(2026, 12, 2)));
    }
}
