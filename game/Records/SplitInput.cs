namespace VmQuest.Records;

/// <summary>One finished segment of a campaign run, as the game hands it to <see cref="RecordsStore.AddSplit"/>.</summary>
/// <param name="Name">The segment's name as a splits file shows it (1–200 characters).</param>
/// <param name="LevelId">The level the segment plays; golds are kept per position and level.</param>
/// <param name="Segment">The segment's own times (retries of the level included), not cumulative ones.</param>
/// <param name="AttemptId">The attempt that finished the segment, when it was recorded; else null.</param>
public sealed record SplitInput(string Name, string LevelId, SpeedrunTimes Segment, long? AttemptId = null);
