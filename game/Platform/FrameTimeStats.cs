namespace VmQuest.Platform;

/// <summary>
/// Collects frame times and reports median and percentiles (nearest-rank), for <c>bench</c> commands and the
/// HUD. Keeps every sample; callers bound the number of frames.
/// </summary>
public sealed class FrameTimeStats
{
    private readonly List<double> _milliseconds = [];

    /// <summary>How many frames were recorded.</summary>
    public int Count => _milliseconds.Count;

    /// <summary>Records one frame's duration.</summary>
    public void Add(TimeSpan frameTime) => _milliseconds.Add(frameTime.TotalMilliseconds);

    /// <summary>The median frame time in milliseconds (0 with no samples).</summary>
    public double MedianMs => PercentileMs(50);

    /// <summary>The 99th-percentile frame time in milliseconds (0 with no samples).</summary>
    public double P99Ms => PercentileMs(99);

    /// <summary>The slowest frame in milliseconds (0 with no samples).</summary>
    public double MaxMs => _milliseconds.Count == 0 ? 0 : _milliseconds.Max();

    /// <summary>
    /// The nearest-rank <paramref name="percentile"/> (0 &lt; p ≤ 100) in milliseconds: the smallest sample with at
    /// least p % of samples at or below it. 0 with no samples.
    /// </summary>
    public double PercentileMs(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (_milliseconds.Count == 0)
        {
            return 0;
        }

        var sorted = _milliseconds.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Max(rank, 1) - 1];
    }
}
