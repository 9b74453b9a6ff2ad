using VmQuest.Records;
using VmQuest.Speedrun;

namespace VmQuest.Progress;

/// <summary>The clock's figures in the records' whole milliseconds.</summary>
internal static class AttemptTimes
{
    /// <summary>
    /// <paramref name="time"/> in whole milliseconds. Real time and the time spent in loads are each truncated and
    /// load-removed time is their difference, so that of two cumulative figures the later one's load-removed
    /// growth never exceeds its real growth (a segment's load-removed time stays ≤ its real time).
    /// </summary>
    public static SpeedrunTimes Of(SplitTime time)
    {
        long real = (long)time.RealTime.TotalMilliseconds;
        long load = Math.Clamp((long)(time.RealTime - time.LoadRemovedTime).TotalMilliseconds, 0, real);
        return new SpeedrunTimes(time.Cycles, real, real - load);
    }

    /// <summary>
    /// The segment between two cumulative figures (each figure's difference). Truncation to milliseconds can make
    /// the load-removed difference a millisecond below 0 or above the real one; it is clamped into [0, real].
    /// </summary>
    public static SpeedrunTimes Between(SpeedrunTimes earlier, SpeedrunTimes later)
    {
        long real = Math.Max(0, later.RealMs - earlier.RealMs);
        return new(Math.Max(0, later.Cycles - earlier.Cycles), real, Math.Clamp(later.LoadRemovedMs - earlier.LoadRemovedMs, 0, real));
    }
}
