using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Play;

namespace VmQuest.Teaching;

/// <summary>One file <c>vmquest levels validate</c> looked at: the level when it is valid, else the one line that says why.</summary>
/// <param name="Path">The file as found.</param>
/// <param name="Level">The level, when it loaded and a session can play it (even if its solution failed).</param>
/// <param name="Solution">Its reference solution's check, when it names one.</param>
/// <param name="Problem">The one-line problem (as printed after <c>vmquest: </c>), or null when the file is valid.</param>
public sealed record LevelValidation(string Path, Level? Level, SolutionCheck? Solution, string? Problem)
{
    /// <summary>Whether the file is a valid level: it loads, a session plays it, and its solution (if any) verifies and meets its pars.</summary>
    public bool IsValid => Problem is null;

    /// <summary>
    /// Runs the checks the game runs on <paramref name="entry"/> (the loader's, then building its session as the
    /// level-select screen does), then re-simulates its reference solution.
    /// </summary>
    public static LevelValidation Of(LevelCatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var checkedEntry = LevelPlayability.Check(entry);
        if (checkedEntry.Level is not { } level)
        {
            return new LevelValidation(entry.Path, null, null, checkedEntry.Problem);
        }

        var solution = SolutionCheck.Of(level);
        return new LevelValidation(entry.Path, level, solution,
            solution?.Problem is { } why ? $"{Levels.OneLine.Escape(entry.Path)}: {why}" : null);
    }
}
