using VmQuest.Platform;
using VmQuest.Screens.Play.Widgets;

namespace VmQuest.Screens.Play;

/// <summary>
/// Where the parts of the play screen sit, from the window size and UI scale, so nothing overlaps: the top bar
/// (objective and metrics against par) across the top, the mechanic's panel on the right, the city in the rest,
/// the timeline and the key bar along the bottom. (The refusal banner sits in the city: <see cref="PlayScreen.BannerArea"/>.)
/// </summary>
public readonly record struct PlayScreenLayout(RectF TopBar, RectF City, RectF Panel, RectF Timeline, RectF KeyBar)
{
    /// <summary>The mechanic panel's width at 100 % scale unless the panel asks for another (<see cref="IMechanicPanel.Width"/>).</summary>
    public const float DefaultPanelWidth = 380;

    /// <summary>
    /// The layout for a window of <paramref name="width"/> × <paramref name="height"/> at <paramref name="ui"/>'s scale,
    /// with a panel of <paramref name="panelWidth"/> pixels at 100 % (at most 55 % of the window).
    /// </summary>
    public static PlayScreenLayout For(int width, int height, UiContext ui, float panelWidth = DefaultPanelWidth)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var top = MathF.Ceiling(58 * ui.Scale);
        var keys = Widgets.KeyBar.HeightFor(ui);
        var timeline = MathF.Ceiling(30 * ui.Scale);
        var panel = Math.Min(MathF.Ceiling(panelWidth * ui.Scale), width * (panelWidth > DefaultPanelWidth ? 0.55f : 0.42f));
        var middle = height - top - keys - timeline;
        var city = new RectF(0, top, width - panel, middle);
        return new PlayScreenLayout(
            new RectF(0, 0, width, top),
            city,
            new RectF(city.Right, top, panel, middle),
            new RectF(0, top + middle, width, timeline),
            new RectF(0, height - keys, width, keys));
    }
}
