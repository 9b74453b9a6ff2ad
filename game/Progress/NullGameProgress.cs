using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Speedrun;

namespace VmQuest.Progress;

/// <summary>
/// Progress without records or LiveSplit, for screenshots, tests and a game whose records are switched off: the
/// clocks still run and results still carry the optimum and the three figures, but nothing is kept (no personal
/// best, no new-record mark, <see cref="LevelResult.Recorded"/> false).
/// </summary>
public sealed class NullGameProgress : IGameProgress
{
    private readonly GameProgress _inner;

    /// <summary>Creates it timing with <paramref name="clock"/> (default the monotonic clock).</summary>
    public NullGameProgress(IClock? clock = null) => _inner = new GameProgress(null, clock);

    /// <inheritdoc/>
    public SplitTime Timer => _inner.Timer;

    /// <inheritdoc/>
    public string? StatusNote => null;

    /// <inheritdoc/>
    public LevelStanding StandingOf(Level level) => _inner.StandingOf(level);

    /// <inheritdoc/>
    public void MenuEntered() => _inner.MenuEntered();

    /// <inheritdoc/>
    public void MenuLeft() => _inner.MenuLeft();

    /// <inheritdoc/>
    public void LevelStarted(Level level) => _inner.LevelStarted(level);

    /// <inheritdoc/>
    public void PlayerActed() => _inner.PlayerActed();

    /// <inheritdoc/>
    public LevelResult LevelFinished(LevelSession session) => _inner.LevelFinished(session);

    /// <inheritdoc/>
    public void LevelAbandoned(LevelSession session) => _inner.LevelAbandoned(session);

    /// <inheritdoc/>
    public string SaveReplay(LevelResult result, string path) => _inner.SaveReplay(result, path);

    /// <inheritdoc/>
    public void CampaignStarted(string campaign, IReadOnlyList<Level> levels) => _inner.CampaignStarted(campaign, levels);

    /// <inheritdoc/>
    public void CampaignAbandoned() => _inner.CampaignAbandoned();

    /// <inheritdoc/>
    public void Dispose() => _inner.Dispose();
}
