using VmQuest.Platform;

namespace VmQuest.Settings;

/// <summary>
/// The player's settings (DESIGN.md §7): language, colour palette, UI scale and the default simulation speed.
/// Immutable; the settings screen makes a changed copy with <c>with</c>.
/// </summary>
/// <remarks>
/// Invariants (checked by <see cref="SettingsFile"/> when reading, and by the settings screen's choices):
/// <see cref="Language"/> is one of <see cref="Languages"/>; <see cref="Palette"/> is one of
/// <see cref="PaletteScheme.All"/>; <see cref="ScalePercent"/> is one of <see cref="Scales"/>;
/// <see cref="Speed"/> is not <see cref="SimulationSpeed.Paused"/>.
/// </remarks>
/// <param name="Language">The UI language: <c>en</c> or <c>zh-Hans</c>.</param>
/// <param name="Palette">The colour scheme.</param>
/// <param name="ScalePercent">The UI scale in percent.</param>
/// <param name="Speed">The speed a city simulation opened from the game starts at (the sandbox; a level's play screen waits for the player's decisions and has its own animation speed).</param>
/// <param name="UnlockAll">Every level of the level select open, whatever the campaign map says (for teachers and testers).</param>
public sealed record GameSettings(string Language, PaletteScheme Palette, int ScalePercent, SimulationSpeed Speed, bool UnlockAll = false)
{
    /// <summary>English, Okabe–Ito, 100 %, 1×.</summary>
    public static GameSettings Default { get; } = new("en", PaletteScheme.OkabeIto, 100, SimulationSpeed.Normal);

    /// <summary>The languages the game speaks, as the settings file writes them.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "zh-Hans"];

    /// <summary>The UI scales offered, in percent.</summary>
    public static IReadOnlyList<int> Scales { get; } = [75, 100, 125, 150, 175, 200];

    /// <summary>The default speeds offered (a level never starts paused).</summary>
    public static IReadOnlyList<SimulationSpeed> Speeds { get; } = [SimulationSpeed.Normal, SimulationSpeed.Fast, SimulationSpeed.Max];

    /// <summary>The name of <paramref name="speed"/> in the settings file (<c>normal</c>, <c>fast</c>, <c>max</c>).</summary>
    public static string SpeedName(SimulationSpeed speed) => speed switch
    {
        SimulationSpeed.Fast => "fast",
        SimulationSpeed.Max => "max",
        _ => "normal",
    };
}
