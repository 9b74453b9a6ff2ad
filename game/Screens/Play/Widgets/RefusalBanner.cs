using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.Screens.Play.Widgets;

/// <summary>
/// The last refused move's explanation, drawn prominently over the top of the city: the teaching moment. The
/// explanation is the session's sentence (why the move is not legal), headed in the UI's language.
/// </summary>
public static class RefusalBanner
{
    /// <summary>The banner's height: the heading line and up to three lines of explanation.</summary>
    public static float HeightFor(UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        return MathF.Ceiling((3 * ui.TextSize * 1.35f) + (14 * ui.Scale));
    }

    /// <summary>Draws <paramref name="why"/> in <paramref name="area"/> (nothing when it is null).</summary>
    public static void Draw(IRenderBackend backend, RectF area, UiContext ui, string? why)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        if (why is null)
        {
            return;
        }

        var heading = ui.T("Refused — ", "被拒绝 — ");
        var headingWidth = TextMeasure.Of(backend, heading, ui.TextSize).X;
        var textWidth = area.Width - headingWidth - (24 * ui.Scale);
        var box = area;
        backend.FillRect(box, Palette.HudBackground.WithAlpha(240));
        backend.DrawRect(box, Palette.Fault, 3);
        var x = box.X + (12 * ui.Scale);
        var y = box.Y + (7 * ui.Scale);
        backend.DrawText(heading, new Vector2(x, y), ui.TextSize, Palette.Fault);
        TextBlock.Draw(backend, why, new Vector2(x + headingWidth, y), ui.TextSize, textWidth, Palette.HudText, maxLines: 3);
    }
}
