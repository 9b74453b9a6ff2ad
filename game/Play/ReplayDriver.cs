using System.Globalization;
using VmQuest.City.Simulation;
using VmQuest.Engine.Kernel;
using VmQuest.Levels.Model;
using VmQuest.Replays;

namespace VmQuest.Play;

/// <summary>
/// Plays a replay back in the city, one simulation tick per city tick: each player action enters in its own tick,
/// exactly as <see cref="ReplayVerifier"/> re-simulates it, so what is watched is what was verified.
/// </summary>
public sealed class ReplayDriver : ISimulationDriver
{
    private readonly ReplayFile _replay;
    private readonly LevelSession _session;
    private int _next;

    /// <summary>Prepares the playback of <paramref name="replay"/> on <paramref name="level"/> (verify it first).</summary>
    public ReplayDriver(ReplayFile replay, Level level)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(level);
        _replay = replay;
        _session = LevelSessions.Create(level, replay.Seed, replay.HashInterval);
    }

    /// <inheritdoc/>
    public KernelCore Kernel => _session.Kernel;

    /// <summary>The session being played back (its tick, metrics and decisions).</summary>
    public LevelSession Session => _session;

    /// <inheritdoc/>
    public bool Finished => _session.IsFinished || (_session.IsWaiting && _next == _replay.Actions.Count);

    /// <summary>Ticks of the whole playback, when known (a trace's length).</summary>
    public long? Length => _session.Length;

    /// <inheritdoc/>
    public string Objective => string.Create(CultureInfo.InvariantCulture,
        $"replay of {_session.Level.Id} · tick {_session.Tick}{(Length is { } length ? $" of {length}" : string.Empty)} · {string.Join(" · ", _session.Metrics().Select(m => $"{m.Name} {m.Value:N0}"))}{(Finished ? " · finished" : string.Empty)}");

    /// <inheritdoc/>
    public void Tick()
    {
        if (Finished)
        {
            return;
        }

        var target = _session.Tick + 1;
        while (_next < _replay.Actions.Count && _replay.Actions[_next].Tick < target)
        {
            // A verified replay applies cleanly; an action that no longer does simply stops the playback there.
            if (_session.Apply(_replay.Actions[_next++]) is not null)
            {
                _next = _replay.Actions.Count;
                return;
            }
        }

        _session.Run(target);
    }
}
