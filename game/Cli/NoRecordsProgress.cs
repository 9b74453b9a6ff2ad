using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Progress;
using VmQuest.Records;

namespace VmQuest.Cli;

/// <summary>
/// Until the records side lands: a progress that keeps nothing (no bests, nothing recorded), so the screens can be
/// shown and played. Replaced by the records engineer's GameProgress.
/// </summary>
internal sealed class NoRecordsProgress : IGameProgress
{
    public LevelStanding StandingOf(Level level) =>
        new(level.Id, 0, false, [.. level.Metrics.Select(m => (m.Name, (long?)null))], 0, level.Metrics.Count);

    public void MenuEntered()
    {
    }

    public void MenuLeft()
    {
    }

    public void LevelStarted(Level level)
    {
    }

    public void PlayerActed()
    {
    }

    public LevelResult LevelFinished(LevelSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var metrics = session.Level.Metrics.Select(m => new MetricResult(m.Name, session.Metric(m.Kind), m.Par, null, null, false)).ToList();
        return new LevelResult(session.Level, session.IsWon, session.Failure, metrics, false, new SpeedrunTimes(session.Metric(MetricKind.Cycles), 0, 0),
            session.IsWon ? session.ToReplay() : null, false, "records are not kept in this build");
    }

    public void LevelAbandoned(LevelSession session)
    {
    }

    public string SaveReplay(LevelResult result, string path) => throw new NotSupportedException("records are not kept in this build");

    public void Dispose()
    {
    }
}
