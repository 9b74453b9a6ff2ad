using VmQuest.Levels.Model;
using VmQuest.Replays;

namespace VmQuest.Play;

/// <summary>
/// A level being played, with undo and rewind. The simulation is deterministic, so going back is
/// re-simulation: a fresh session re-applies the recorded actions up to the point wanted.
/// Invariant: <see cref="Session"/> is always the result of applying <see cref="Session"/>.AppliedActions to a
/// fresh session of the same level, seed and hash interval.
/// </summary>
public sealed class LevelPlay
{
    /// <summary>Starts the level and runs it to its first decision (or its end).</summary>
    public LevelPlay(Level level, ulong seed = 0, int hashInterval = LevelSession.DefaultHashInterval)
    {
        ArgumentNullException.ThrowIfNull(level);
        Level = level;
        Seed = seed;
        HashInterval = hashInterval;
        Session = Fresh();
        Session.Run();
    }

    /// <summary>The level.</summary>
    public Level Level { get; }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>Ticks between state checkpoints.</summary>
    public int HashInterval { get; }

    /// <summary>The current session (replaced by undo and rewind).</summary>
    public LevelSession Session { get; private set; }

    /// <summary>The player acts (see <see cref="LevelSession.Act"/>) and the run goes on to the next decision; null when accepted, else why not.</summary>
    public string? Act(string kind, params IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        var why = Session.Act(kind, arguments);
        Session.Run();
        return why;
    }

    /// <summary>
    /// Takes back the last accepted decision (and any mistakes after it): the run is back at that decision,
    /// waiting. False when no choice has been made.
    /// </summary>
    public bool Undo()
    {
        var actions = Session.AppliedActions;
        var last = -1;
        for (var i = actions.Count - 1; i >= 0; i--)
        {
            if (Session.DecisionKinds.Contains(actions[i].Kind))
            {
                last = i;
                break;
            }
        }

        if (last < 0)
        {
            return false;
        }

        // Into the decision's tick, where the kernel waits again for the choice being taken back.
        Session = Replay(actions.Take(last).ToList(), actions[last].Tick + 1);
        return true;
    }

    /// <summary>
    /// Goes back to <paramref name="tick"/> (0 to the current tick): every action before it is re-applied, none at or
    /// after it, and the run stops at that tick, or earlier where the kernel waits for a decision.
    /// </summary>
    public void RewindTo(long tick)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tick);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tick, Session.Tick);
        Session = Replay(Session.AppliedActions.Where(a => a.Tick < tick).ToList(), tick);
    }

    private LevelSession Replay(List<ReplayAction> actions, long untilTick)
    {
        var session = Fresh();
        foreach (var action in actions)
        {
            // These actions were applied to an identical run before, so they apply again (determinism).
            if (session.Apply(action) is { } why)
            {
                throw new InvalidOperationException($"re-simulation diverged at tick {action.Tick}: {why}");
            }
        }

        session.Run(untilTick);
        return session;
    }

    private LevelSession Fresh() => LevelSessions.Create(Level, Seed, HashInterval);
}
