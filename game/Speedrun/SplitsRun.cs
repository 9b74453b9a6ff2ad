namespace VmQuest.Speedrun;

/// <summary>
/// What a LiveSplit splits file holds for one game and category: the attempt history and, per segment, the
/// personal best's cumulative split time, the best segment ever (the "gold") and each attempt's segment time.
/// </summary>
/// <param name="GameName">The game, "VmQuest".</param>
/// <param name="CategoryName">The category, e.g. "Campaign" or a level's title.</param>
/// <param name="Attempts">Every attempt, oldest first; ids are 1-based and unique.</param>
/// <param name="Segments">The segments in run order (one per level).</param>
public sealed record SplitsRun(string GameName, string CategoryName, IReadOnlyList<RunAttempt> Attempts, IReadOnlyList<RunSegment> Segments);

/// <summary>One attempt at the run.</summary>
/// <param name="Id">1-based attempt number.</param>
/// <param name="StartedUtc">When it started.</param>
/// <param name="EndedUtc">When it ended (finished or reset), if it did.</param>
/// <param name="Final">The final time when the run was finished; <c>null</c> for a reset attempt.</param>
public sealed record RunAttempt(int Id, DateTime StartedUtc, DateTime? EndedUtc, TimePair? Final);

/// <summary>One segment (level) of the run.</summary>
/// <param name="Name">Shown in LiveSplit.</param>
/// <param name="PersonalBestSplit">Cumulative time at the end of this segment in the personal best, if there is one.</param>
/// <param name="BestSegment">The fastest this segment alone was ever done (the gold), if ever.</param>
/// <param name="History">Each attempt's time for this segment alone, by attempt id.</param>
public sealed record RunSegment(string Name, TimePair? PersonalBestSplit, TimePair? BestSegment, IReadOnlyList<SegmentTime> History);

/// <summary>One attempt's time for one segment.</summary>
/// <param name="AttemptId">The attempt's id.</param>
/// <param name="Time">The segment's own time (not cumulative).</param>
public readonly record struct SegmentTime(int AttemptId, TimePair Time);

/// <summary>A time in LiveSplit's two timing methods: Real Time (VmQuest's real time) and Game Time (its load-removed time).</summary>
/// <param name="RealTime">Real Time, if known.</param>
/// <param name="GameTime">Game Time, if known.</param>
public readonly record struct TimePair(TimeSpan? RealTime, TimeSpan? GameTime);
