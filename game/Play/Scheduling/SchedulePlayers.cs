using VmQuest.Levels.Model;

namespace VmQuest.Play.Scheduling;

/// <summary>
/// The schedule mechanic's scripted players: the best run-to-completion order (the reference, see
/// <see cref="ScheduleOptimum"/>) and the kernel's own round robin (Linux's default here: every process gets its
/// turn at every scheduling point, whatever its TLB holds).
/// </summary>
public sealed class SchedulePlayers : IReferencePlayers
{
    /// <summary>The shared instance; it keeps no state.</summary>
    public static SchedulePlayers Instance { get; } = new();

    /// <inheritdoc/>
    public LevelSession PlayReference(Level level, ulong seed = 0)
    {
        var best = ScheduleOptimum.Best(level, seed);
        var session = new ScheduleSession(level, seed);
        OrderedSchedulePlayer.PlayToEnd(session, best.Order);
        return session;
    }

    /// <inheritdoc/>
    public LevelSession PlayDefault(Level level, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(level);
        // With no decision handed to the player, the kernel's round-robin scheduler makes every choice.
        var session = new ScheduleSession(level with { Player = new LevelPlayer([], false) }, seed);
        session.Run();
        return session;
    }
}
