using VmQuest.Levels.Model;

namespace VmQuest.Play;

/// <summary>The victim mechanic's scripted players: Belady's OPT (the reference) and the level's own policy (Linux's default).</summary>
public sealed class VictimPlayers : IReferencePlayers
{
    /// <summary>The shared instance; it keeps no state.</summary>
    public static VictimPlayers Instance { get; } = new();

    /// <inheritdoc/>
    public LevelSession PlayReference(Level level, ulong seed = 0)
    {
        var session = new VictimSession(level, seed);
        OptimalVictimPlayer.PlayToEnd(session);
        return session;
    }

    /// <inheritdoc/>
    public LevelSession PlayDefault(Level level, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(level);
        // With no decision handed to the player, the kernel's replacement policy chooses every victim.
        var session = new VictimSession(level with { Player = new LevelPlayer([], false) }, seed);
        session.Run();
        return session;
    }
}
