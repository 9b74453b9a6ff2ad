namespace VmQuest.Records.Report;

/// <summary>What <c>vmquest records</c> shows of one level: its current version's frontier and bests.</summary>
/// <param name="Level">The level at its current hash.</param>
/// <param name="OtherVersionAttempts">Attempts recorded under other hashes of the same id (not compared).</param>
/// <param name="MetricNames">The metrics, in the level's order.</param>
/// <param name="Frontier">The Pareto frontier of personal bests.</param>
/// <param name="Wins">How many of the attempts at the current hash were won (only wins are personal bests).</param>
/// <param name="PersonalBests">The best value of each metric on its own, among the wins (empty with no win).</param>
/// <param name="BestTimes">The best of each speedrun figure on its own, among the wins; null with no win.</param>
internal sealed record LevelReport(
    LevelSeen Level,
    long OtherVersionAttempts,
    IReadOnlyList<string> MetricNames,
    IReadOnlyList<StoredAttempt> Frontier,
    long Wins,
    IReadOnlyList<MetricValue> PersonalBests,
    SpeedrunTimes? BestTimes);
