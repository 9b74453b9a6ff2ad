using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Progress;
using VmQuest.Records;

namespace VmQuest.Tests.Game.Screens.Shell;

/// <summary>An in-memory <see cref="IGameProgress"/> that records the calls and answers standings set by the test.</summary>
internal sealed class RecordingProgress : IGameProgress
{
    public List<string> Calls { get; } = [];

    public Dictionary<string, LevelStanding> Standings { get; } = new(StringComparer.Ordinal);

    public LevelStanding StandingOf(Level level)
    {
        Calls.Add($"StandingOf {level.Id}");
        return Standings.TryGetValue(level.Id, out var standing)
            ? standing
            : new LevelStanding(level.Id, 0, false, [.. level.Metrics.Select(m => (m.Name, (long?)null))], 0, level.Metrics.Count);
    }

    public void MenuEntered() => Calls.Add("MenuEntered");

    public void MenuLeft() => Calls.Add("MenuLeft");

    public void LevelStarted(Level level) => Calls.Add($"LevelStarted {level.Id}");

    public void PlayerActed() => Calls.Add("PlayerActed");

    public LevelResult LevelFinished(LevelSession session) =>
        new(session.Level, session.IsWon, session.Failure, [], false, new SpeedrunTimes(0, 0, 0), null, false, null);

    public void LevelAbandoned(LevelSession session) => Calls.Add("LevelAbandoned");

    public string SaveReplay(LevelResult result, string path) => path;

    public void CampaignStarted(string campaign, IReadOnlyList<Level> levels)
    {
        Calls.Add($"CampaignStarted {campaign} {string.Join(',', levels.Select(l => l.Id))}");
        CampaignNextLevel = levels[0];
    }

    public void CampaignAbandoned()
    {
        Calls.Add("CampaignAbandoned");
        CampaignNextLevel = null;
    }

    public Level? CampaignNextLevel { get; set; }

    public void Dispose()
    {
    }
}
