using VmQuest.Platform;

namespace VmQuest.City;

/// <summary>How a <see cref="CityView"/> sits in its window: the whole window with its own HUD and keys (the sandbox), or embedded in a screen.</summary>
public sealed record CityViewOptions
{
    /// <summary>The whole window, HUD and keys: the sandbox's view.</summary>
    public static CityViewOptions Window { get; } = new();

    /// <summary>The area the view draws in; null for the whole window (following its size).</summary>
    public RectF? Viewport { get; init; }

    /// <summary>
    /// Embedded in a screen that owns the keyboard, the speed and the top bar (the play and playback screens): no HUD
    /// is drawn and no key is read; the mouse still pans (drag), zooms (wheel), hovers and selects.
    /// </summary>
    public bool Embedded { get; init; }

    /// <summary>An embedded view drawn inside <paramref name="viewport"/>.</summary>
    public static CityViewOptions EmbeddedIn(RectF viewport) => new() { Viewport = viewport, Embedded = true };
}
