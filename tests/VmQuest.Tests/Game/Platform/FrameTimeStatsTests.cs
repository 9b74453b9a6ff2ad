using VmQuest.Platform;

namespace VmQuest.Tests.Game.Platform;

public sealed class FrameTimeStatsTests
{
    [Fact]
    public void MedianAndP99_NearestRank()
    {
        var stats = new FrameTimeStats();
        for (var ms = 1; ms <= 100; ms++)
        {
            stats.Add(TimeSpan.FromMilliseconds(101 - ms)); // order must not matter
        }

        Assert.Equal(50, stats.MedianMs, 6);
        Assert.Equal(99, stats.P99Ms, 6);
        Assert.Equal(100, stats.MaxMs, 6);
        Assert.Equal(100, stats.Count);
    }

    [Fact]
    public void Empty_IsZero() => Assert.Equal(0, new FrameTimeStats().P99Ms);

    [Fact]
    public void SingleSample_IsEveryPercentile()
    {
        var stats = new FrameTimeStats();
        stats.Add(TimeSpan.FromMilliseconds(7));
        Assert.Equal(7, stats.MedianMs, 6);
        Assert.Equal(7, stats.PercentileMs(1), 6);
    }
}
