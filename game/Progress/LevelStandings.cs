using VmQuest.Levels.Model;
using VmQuest.Records;

namespace VmQuest.Progress;

/// <summary>Works out a level's <see cref="LevelStanding"/> from its recorded attempts.</summary>
internal static class LevelStandings
{
    /// <summary>
    /// The standing of <paramref name="level"/> given its attempts at the level's hash: every attempt counts as
    /// one, only won ones give bests, and a par is met when the best of its metric is at or below it.
    /// </summary>
    public static LevelStanding Of(Level level, IReadOnlyList<StoredAttempt> attempts)
    {
        var wins = attempts.Where(a => a.Attempt.Won).ToArray();
        var bests = level.Metrics
            .Select(m => (m.Name, Best: wins.Select(a => a.Attempt.Metric(m.Name)).Where(v => v is not null).Min()))
            .ToArray();
        int parsMet = level.Metrics.Count(m => bests.First(b => b.Name == m.Name).Best is { } best && best <= m.Par);
        return new LevelStanding(level.Id, attempts.Count, wins.Length > 0, bests, parsMet, level.Metrics.Count);
    }
}
