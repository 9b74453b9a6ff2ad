using VmQuest.Platform;
using VmQuest.Screens.Play;

namespace VmQuest.Screens;

/// <summary>
/// One screen of the game (DESIGN.md §7): title, level select, briefing, play, pause, results, settings. The
/// screen stack (<c>ScreenStack</c>) updates and draws the top screen (a pause screen draws over the play screen below it).
/// </summary>
/// <remarks>
/// Raylib's rule: <see cref="Update"/> reads input and may change the game's state, and returns where to go next;
/// <see cref="Draw"/> only reads. Every screen works with the keyboard alone and with the mouse, and draws a key
/// bar saying what its keys do, in the UI's language.
/// </remarks>
public interface IScreen
{
    /// <summary>A stable name (<c>title</c>, <c>levels</c>, <c>briefing</c>, <c>play</c>, <c>pause</c>, <c>results</c>, <c>settings</c>) for screenshots and tests.</summary>
    string Name { get; }

    /// <summary>
    /// Whether time on this screen is a menu, briefing, results or loading time: speedrun load-removed time stops
    /// while it is on top (real time does not).
    /// </summary>
    bool IsMenu { get; }

    /// <summary>Whether the screen below shows through (a pause or help overlay).</summary>
    bool IsOverlay { get; }

    /// <summary>Reads this frame's input; returns a transition, or null to stay.</summary>
    ScreenTransition? Update(InputState input, UiContext ui);

    /// <summary>Draws the screen (the stack draws the screen below first when this one is an overlay).</summary>
    void Draw(IRenderBackend backend, UiContext ui);
}

/// <summary>Where the game goes after a screen's update.</summary>
public abstract record ScreenTransition
{
    /// <summary>Open <paramref name="Screen"/> on top (Escape on it comes back).</summary>
    public sealed record Push(IScreen Screen) : ScreenTransition;

    /// <summary>Replace the top screen with <paramref name="Screen"/>.</summary>
    public sealed record Replace(IScreen Screen) : ScreenTransition;

    /// <summary>Close the top screen.</summary>
    public sealed record Pop : ScreenTransition;

    /// <summary>Leave the game.</summary>
    public sealed record Quit : ScreenTransition;
}
