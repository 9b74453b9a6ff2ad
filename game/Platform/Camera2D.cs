using System.Numerics;

namespace VmQuest.Platform;

/// <summary>
/// A 2D camera in raylib's sense: the world point <see cref="Target"/> appears at the screen point
/// <see cref="Offset"/>, and world distances are multiplied by <see cref="Zoom"/>. No rotation.
/// </summary>
/// <remarks>
/// <c>screen = (world − Target) · Zoom + Offset</c>; <see cref="ScreenToWorld(Vector2)"/> is its exact inverse for any
/// positive zoom. <see cref="Identity"/> maps world to screen unchanged.
/// </remarks>
public readonly record struct Camera2D(Vector2 Offset, Vector2 Target, float Zoom)
{
    /// <summary>The camera that leaves coordinates unchanged.</summary>
    public static Camera2D Identity { get; } = new(Vector2.Zero, Vector2.Zero, 1f);

    /// <summary>Where the world point <paramref name="world"/> appears on screen.</summary>
    public Vector2 WorldToScreen(Vector2 world) => ((world - Target) * Zoom) + Offset;

    /// <summary>The world point under the screen point <paramref name="screen"/>.</summary>
    public Vector2 ScreenToWorld(Vector2 screen) => ((screen - Offset) / Zoom) + Target;

    /// <summary>A world rectangle's extent on screen.</summary>
    public RectF WorldToScreen(RectF world)
    {
        var p = WorldToScreen(world.Position);
        return new RectF(p.X, p.Y, world.Width * Zoom, world.Height * Zoom);
    }

    /// <summary>The world rectangle visible through a screen rectangle (e.g. the window), for culling.</summary>
    public RectF ScreenToWorld(RectF screen)
    {
        var p = ScreenToWorld(screen.Position);
        return new RectF(p.X, p.Y, screen.Width / Zoom, screen.Height / Zoom);
    }

    /// <summary>
    /// Zooms by <paramref name="factor"/> keeping the world point under <paramref name="screenAnchor"/> fixed
    /// (zoom towards the mouse). The result's zoom is clamped to [<paramref name="minZoom"/>, <paramref name="maxZoom"/>].
    /// </summary>
    public Camera2D ZoomAt(Vector2 screenAnchor, float factor, float minZoom = 1e-4f, float maxZoom = 1e4f)
    {
        var anchorWorld = ScreenToWorld(screenAnchor);
        var zoom = Math.Clamp(Zoom * factor, minZoom, maxZoom);
        return new Camera2D(screenAnchor, anchorWorld, zoom);
    }

    /// <summary>Moves the view by a screen-space distance (drag to pan): the world slides with the mouse.</summary>
    public Camera2D PanByScreen(Vector2 screenDelta) => this with { Target = Target - (screenDelta / Zoom) };
}
