namespace VmQuest.Platform.Sdl;

/// <summary>
/// Decides, before and after SDL starts, whether a window could really be shown. SDL quietly falls back to its
/// invisible offscreen or dummy driver when no display answers, and a sandbox would then run unseen until killed;
/// this turns that case into one line that says what to do instead (<c>--screenshot FILE</c>).
/// </summary>
public static class DisplayCheck
{
    /// <summary>The one line printed when no display can be opened.</summary>
    public static string NoDisplayMessage(string detail) =>
        $"vmquest: no display could be opened ({detail}); to get a picture without one, add --screenshot FILE (it renders a PNG offscreen)";

    /// <summary>
    /// Why a window cannot be opened before even trying (on Linux, neither <c>DISPLAY</c> nor <c>WAYLAND_DISPLAY</c> is
    /// set and no video driver was named), or null when SDL should try.
    /// </summary>
    /// <param name="environment">Reads an environment variable (tests pass their own).</param>
    /// <param name="requestedDriver">A driver the caller forces, or null.</param>
    public static string? ReasonBeforeInit(Func<string, string?> environment, string? requestedDriver)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!OperatingSystem.IsLinux() || requestedDriver is not null || !string.IsNullOrEmpty(environment("SDL_VIDEODRIVER")))
        {
            return null;
        }

        return string.IsNullOrEmpty(environment("DISPLAY")) && string.IsNullOrEmpty(environment("WAYLAND_DISPLAY"))
            ? NoDisplayMessage("neither DISPLAY nor WAYLAND_DISPLAY is set")
            : null;
    }

    /// <summary>
    /// Whether <paramref name="driver"/> (SDL's choice after init) can show a window to a person: false for the
    /// offscreen and dummy drivers, which draw into memory only.
    /// </summary>
    public static bool IsVisible(string driver) =>
        !string.Equals(driver, "offscreen", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(driver, "dummy", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(driver, "evdev", StringComparison.OrdinalIgnoreCase);

    /// <summary>The driver SDL should try first when only an X display is named (avoids Wayland's noise on stderr).</summary>
    public static string? PreferredDriver(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return OperatingSystem.IsLinux() && !string.IsNullOrEmpty(environment("DISPLAY")) && string.IsNullOrEmpty(environment("WAYLAND_DISPLAY"))
            ? "x11"
            : null;
    }
}
