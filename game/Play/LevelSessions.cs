using VmQuest.Engine.Formats;
using VmQuest.Levels.Model;
using VmQuest.Play.Translate;
using VmQuest.Play.Scheduling;

namespace VmQuest.Play;

/// <summary>
/// Builds the session that plays a level: the mechanic the level hands the player decides which. The one place a
/// new mechanic is registered.
/// </summary>
public static class LevelSessions
{
    /// <summary>A fresh session of <paramref name="level"/> (nothing has run yet).</summary>
    /// <exception cref="FormatParseException">No session can play the level's mechanics, or the level asks for what its session cannot measure (one line).</exception>
    public static LevelSession Create(Level level, ulong seed = 0, int hashInterval = LevelSession.DefaultHashInterval)
    {
        ArgumentNullException.ThrowIfNull(level);
        var mechanic = level.Player.Mechanics[0];
        return mechanic switch
        {
            Mechanic.Victim => new VictimSession(level, seed, hashInterval),
            Mechanic.Translate => new TranslateSession(level, seed, hashInterval),
            Mechanic.Policy => new Policy.PolicySession(level, seed, hashInterval),
            Mechanic.Permissions => new Permissions.PermissionsSession(level, seed, hashInterval),
            Mechanic.ElfLayout => new ElfLayout.ElfLayoutSession(level, seed, hashInterval),
            Mechanic.FaultAction => new FaultAction.FaultActionSession(level, seed, hashInterval),
            Mechanic.Schedule => new ScheduleSession(level, seed, hashInterval),
            _ => throw NotPlayable(level, mechanic),
        };
    }

    /// <summary>The scripted players (reference and Linux's defaults) of <paramref name="level"/>'s mechanic.</summary>
    /// <exception cref="FormatParseException">No session can play the level's mechanic yet.</exception>
    public static IReferencePlayers PlayersOf(Level level)
    {
        ArgumentNullException.ThrowIfNull(level);
        var mechanic = level.Player.Mechanics[0];
        return mechanic switch
        {
            Mechanic.Victim => VictimPlayers.Instance,
            Mechanic.Translate => TranslatePlayers.Instance,
            Mechanic.Policy => Policy.PolicyPlayers.Instance,
            Mechanic.Permissions => Permissions.PermissionsPlayers.Instance,
            Mechanic.ElfLayout => ElfLayout.ElfLayoutPlayers.Instance,
            Mechanic.FaultAction => FaultAction.FaultActionPlayers.Instance,
            Mechanic.Schedule => SchedulePlayers.Instance,
            _ => throw NotPlayable(level, mechanic),
        };
    }

    private static FormatParseException NotPlayable(Level level, Mechanic mechanic) =>
        new(level.SourcePath, $"mechanic {mechanic.Name()} is not playable yet");
}
