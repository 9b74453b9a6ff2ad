namespace VmQuest.Records;

/// <summary>
/// The best time ever recorded for one segment of a campaign (a "gold"), each figure on its own: the best real
/// time, the best load-removed time and the fewest cycles may come from different runs, as LiveSplit keeps a
/// best segment per timing method. Runs that were reset count for the segments they finished.
/// </summary>
/// <param name="Index">0-based position of the segment.</param>
/// <param name="Name">The segment's name in its latest run.</param>
/// <param name="LevelId">The level; a segment is identified by position and level.</param>
/// <param name="Best">The best of each figure.</param>
public sealed record GoldSplit(int Index, string Name, string LevelId, SpeedrunTimes Best);
