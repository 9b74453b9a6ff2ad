using VmQuest.Platform;

namespace VmQuest.City;

/// <summary>
/// Where each part of the city view sits on screen, derived from the window size so nothing overlaps: the HUD
/// across the top, the side panel (city hall, TLB board, legend) on the right, the physical city in the middle
/// with the harbour (swap) strip under it, and the virtual districts along the bottom.
/// </summary>
public readonly record struct CityScreenLayout(RectF Hud, RectF City, RectF Harbour, RectF Virtual, RectF Side)
{
    /// <summary>Height of the HUD bar.</summary>
    public const float HudHeight = 52;

    /// <summary>Width of the side panel.</summary>
    public const float SideWidth = 372;

    /// <summary>Height of the harbour strip.</summary>
    public const float HarbourHeight = 22;

    /// <summary>The layout for a window of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static CityScreenLayout For(int width, int height) => For(new RectF(0, 0, width, height), withHud: true);

    /// <summary>
    /// The layout inside <paramref name="viewport"/> (the play screen gives the city the area left of the mechanic's
    /// panel). Without the HUD (<paramref name="withHud"/> false) <see cref="Hud"/> is empty and the city starts at the top.
    /// </summary>
    public static CityScreenLayout For(RectF viewport, bool withHud)
    {
        var hudHeight = withHud ? HudHeight : 0;
        var side = Math.Min(SideWidth, viewport.Width * 0.4f);
        var left = viewport.Width - side;
        var virtualHeight = Math.Clamp(viewport.Height * 0.24f, 60, 176);
        var cityHeight = Math.Max(40, viewport.Height - hudHeight - HarbourHeight - virtualHeight);
        var top = viewport.Y + hudHeight;
        var city = new RectF(viewport.X, top, left, cityHeight);
        var harbour = new RectF(viewport.X, city.Bottom, left, HarbourHeight);
        return new CityScreenLayout(
            new RectF(viewport.X, viewport.Y, viewport.Width, hudHeight),
            city,
            harbour,
            new RectF(viewport.X, harbour.Bottom, left, viewport.Bottom - harbour.Bottom),
            new RectF(viewport.X + left, top, side, viewport.Bottom - top));
    }
}
