using VmQuest.Levels.Model;
using VmQuest.Records;
using VmQuest.Replays;

namespace VmQuest.Progress;

/// <summary>A finished attempt of a level: what the results screen shows and what was recorded.</summary>
/// <param name="Level">The level.</param>
/// <param name="Won">Whether every goal held.</param>
/// <param name="Failure">Why the attempt failed (a sentence that teaches), or null when won.</param>
/// <param name="Metrics">Each metric with par, personal best and optimum, in the level's order.</param>
/// <param name="OnFrontier">True when the attempt joined the Pareto frontier of personal bests (no earlier attempt is ≤ on every metric).</param>
/// <param name="Times">The speedrun figures: cycles, real time, load-removed time.</param>
/// <param name="Replay">The solution file of the attempt (null when it was not won: only wins are solutions).</param>
/// <param name="Recorded">Whether the attempt was written to the records (false when no records database is open).</param>
/// <param name="Note">One line for the player about the records (e.g. the database was moved aside), or null.</param>
/// <param name="Split">The campaign split the win made (its own and cumulative times), or null outside a campaign run or when lost.</param>
public sealed record LevelResult(
    Level Level,
    bool Won,
    string? Failure,
    IReadOnlyList<MetricResult> Metrics,
    bool OnFrontier,
    SpeedrunTimes Times,
    ReplayFile? Replay,
    bool Recorded,
    string? Note,
    CampaignSplit? Split = null);
