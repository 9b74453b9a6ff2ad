using VmQuest.Levels.Model;
using VmQuest.Records;
using VmQuest.Speedrun;

namespace VmQuest.Progress;

/// <summary>
/// A campaign run in progress: one <see cref="SpeedrunClock"/> across its levels in order (retries included) and
/// what the records know of it. Cycles are the sum of every attempt's cycles in the run, lost and abandoned ones
/// included, because a retry costs in-game time as it costs real time.
/// </summary>
internal sealed class CampaignProgress
{
    private SpeedrunTimes _lastCumulative;

    public CampaignProgress(string name, IReadOnlyList<Level> levels, SpeedrunClock clock)
    {
        ArgumentOutOfRangeException.ThrowIfZero(levels.Count);
        Name = name;
        Levels = levels;
        Clock = clock;
    }

    /// <summary>The campaign (category) name.</summary>
    public string Name { get; }

    /// <summary>Its levels in order: one segment each.</summary>
    public IReadOnlyList<Level> Levels { get; }

    /// <summary>The run's timer (LiveSplit follows it).</summary>
    public SpeedrunClock Clock { get; }

    /// <summary>The run's id in the records once begun there; null before the first input or when it could not be recorded.</summary>
    public long? RunId { get; set; }

    /// <summary>True once a write of this run failed: later splits are not recorded, since their cumulative times would be wrong.</summary>
    public bool Unrecorded { get; set; }

    /// <summary>Cycles of every attempt so far in the run.</summary>
    public long Cycles { get; private set; }

    /// <summary>The index of the segment being played (the number of splits so far).</summary>
    public int NextSegment => Clock.Splits.Count;

    /// <summary>True when every segment has split.</summary>
    public bool IsFinished => Clock.State == SpeedrunState.Finished;

    /// <summary>The level of the segment being played, or null once finished.</summary>
    public Level? NextLevel => NextSegment < Levels.Count ? Levels[NextSegment] : null;

    /// <summary>Counts an attempt's cycles (won, lost or abandoned).</summary>
    public void AddCycles(long cycles) => Cycles += Math.Max(0, cycles);

    /// <summary>Splits the clock at the current level's win; returns the segment's and the cumulative times.</summary>
    public (SpeedrunTimes Segment, SpeedrunTimes Cumulative)? Split()
    {
        if (Clock.Split(Cycles, Levels.Count) is not { } split)
        {
            return null;
        }

        var cumulative = AttemptTimes.Of(split);
        var segment = AttemptTimes.Between(_lastCumulative, cumulative);
        _lastCumulative = cumulative;
        return (segment, cumulative);
    }
}
