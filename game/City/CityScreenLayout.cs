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
    public static CityScreenLayout For(int width, int height)
    {
        var side = Math.Min(SideWidth, width * 0.4f);
        var left = width - side;
        var virtualHeight = Math.Clamp(height * 0.24f, 60, 176);
        var cityHeight = Math.Max(40, height - HudHeight - HarbourHeight - virtualHeight);
        var city = new RectF(0, HudHeight, left, cityHeight);
        var harbour = new RectF(0, city.Bottom, left, HarbourHeight);
        return new CityScreenLayout(
            new RectF(0, 0, width, HudHeight),
            city,
            harbour,
            new RectF(0, harbour.Bottom, left, height - harbour.Bottom),
            new RectF(left, HudHeight, side, height - HudHeight));
    }
}
