using VmQuest.Levels.Model;

namespace VmQuest.Screens.Play;

/// <summary>
/// Where the play, pause and results screens lead that they do not own (the shell's screens): each is optional,
/// and a menu entry whose screen is missing is not offered.
/// </summary>
public sealed record PlayScreenOptions
{
    /// <summary>No other screens: the pause menu offers resume, restart and quit; the results retry, save and watch.</summary>
    public static PlayScreenOptions None { get; } = new();

    /// <summary>Makes the level-select screen (pause and results lead there), or null.</summary>
    public Func<IScreen>? LevelSelect { get; init; }

    /// <summary>Makes the settings screen (pushed over the pause menu), or null.</summary>
    public Func<IScreen>? Settings { get; init; }

    /// <summary>The level after a given one in the campaign, or null when it is the last (the results' "next level").</summary>
    public Func<Level, Level?>? NextLevel { get; init; }

    /// <summary>Makes the screen that opens a level (the briefing) — "next level" goes there; null opens its play screen directly.</summary>
    public Func<Level, IScreen>? Briefing { get; init; }

    /// <summary>Where "save replay" writes (the data directory's replay folder); null for the current directory.</summary>
    public string? ReplayDirectory { get; init; }

    /// <summary>The seed of a new attempt.</summary>
    public ulong Seed { get; init; }
}
