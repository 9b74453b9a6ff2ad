namespace VmQuest.Platform.Sdl;

/// <summary>How <see cref="SdlRenderBackend"/> opens its window and renderer.</summary>
public sealed record SdlBackendOptions
{
    /// <summary>Window (or offscreen target) width in pixels.</summary>
    public int Width { get; init; } = 1280;

    /// <summary>Window (or offscreen target) height in pixels.</summary>
    public int Height { get; init; } = 720;

    /// <summary>The window title (also how tests find the window with xdotool).</summary>
    public string Title { get; init; } = "VmQuest";

    /// <summary>
    /// Render with SDL's offscreen video driver: no display needed, bit-identical images across runs. For
    /// screenshots and tests.
    /// </summary>
    public bool Headless { get; init; }

    /// <summary>Force a video driver ("x11", "wayland", …); <c>null</c> lets SDL choose (ignored when headless).</summary>
    public string? VideoDriver { get; init; }

    /// <summary>
    /// Use SDL's software renderer (the default: predictable, and fast enough with batching). False asks for an
    /// accelerated renderer, falling back to software if none is available.
    /// </summary>
    public bool SoftwareRenderer { get; init; } = true;

    /// <summary>Let the user resize the window.</summary>
    public bool Resizable { get; init; } = true;

    /// <summary>How many distinct static labels stay cached before unused ones are freed.</summary>
    public int LabelCacheCapacity { get; init; } = 4096;

    /// <summary>Options for a headless target of the given size.</summary>
    public static SdlBackendOptions HeadlessOf(int width, int height) =>
        new() { Width = width, Height = height, Headless = true, Resizable = false };
}
