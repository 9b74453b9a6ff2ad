using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Progress;
using VmQuest.Records;

namespace VmQuest.Tests.Game.Screens.Play;

/// <summary>An <see cref="IGameProgress"/> that remembers every call in order (no records database).</summary>
internal sealed class FakeProgress : IGameProgress
{
    public List<string> Calls { get; } = [];

    public List<(LevelResult Result, string Path)> Saved { get; } = [];

    public int Count(string call) => Calls.Count(c => c == call);

    public LevelStanding StandingOf(Level level) => new(level.Id, 0, false, [], 0, level.Metrics.Count);

    public void MenuEntered() => Calls.Add("menu-entered");

    public void MenuLeft() => Calls.Add("menu-left");

    public void LevelStarted(Level level) => Calls.Add("started");

    public void PlayerActed() => Calls.Add("acted");

    public LevelResult LevelFinished(LevelSession session)
    {
        Calls.Add("finished");
        return ResultOf(session, personalBest: null);
    }

    public void LevelAbandoned(LevelSession session) => Calls.Add("abandoned");

    public string SaveReplay(LevelResult result, string path)
    {
        Saved.Add((result, path));
        return path;
    }

    public void Dispose()
    {
    }

    /// <summary>The result a records store would give for <paramref name="session"/> with no earlier attempt.</summary>
    public static LevelResult ResultOf(LevelSession session, long? personalBest)
    {
        var level = session.Level;
        var metrics = level.Metrics.Select(m => new MetricResult(m.Name, session.Metric(m.Kind), m.Par, personalBest,
            VictimOptimum.Of(level, m.Kind), personalBest is null || session.Metric(m.Kind) < personalBest)).ToList();
        return new LevelResult(level, session.IsWon, session.Failure, metrics, true, new SpeedrunTimes(session.Metric(MetricKind.Cycles), 83_456, 61_200),
            session.IsWon ? session.ToReplay() : null, false, null);
    }
}
