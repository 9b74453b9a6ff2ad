using VmQuest.Engine.Formats;
using VmQuest.Levels.Catalog;

namespace VmQuest.Play;

/// <summary>
/// A level that loads may still ask for what no session can play (a mechanic without a session yet, a metric its
/// mechanic cannot measure, a trace too big for its machine): building the session finds out, and its one-line
/// reason becomes the catalogue entry's problem, so <c>levels validate</c> and the level-select screen report it
/// instead of the game failing when the level is opened.
/// </summary>
public static class LevelPlayability
{
    /// <summary><paramref name="entry"/>, with a problem when its level cannot be played.</summary>
    public static LevelCatalogEntry Check(LevelCatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Level is not { } level)
        {
            return entry;
        }

        try
        {
            _ = LevelSessions.Create(level);
            return entry;
        }
        catch (FormatParseException problem)
        {
            return entry with { Level = null, Problem = problem.Message };
        }
    }
}
