namespace VmQuest.Records;

/// <summary>A recorded split of a campaign run.</summary>
/// <param name="Index">0-based position of the segment in the run.</param>
/// <param name="Name">The segment's name.</param>
/// <param name="LevelId">The level the segment plays.</param>
/// <param name="Segment">The segment's own times.</param>
/// <param name="Cumulative">The run's times at the end of this segment: the sum of its segments so far (a splits file's split time).</param>
/// <param name="AttemptId">The attempt that finished the segment, or null.</param>
public sealed record CampaignSplit(int Index, string Name, string LevelId, SpeedrunTimes Segment, SpeedrunTimes Cumulative, long? AttemptId);
