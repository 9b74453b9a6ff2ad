using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.Screens.Play.Widgets;

/// <summary>
/// The key bar along the bottom of a screen: each control as its keys (highlighted) and what it does, in the UI's
/// language, laid out by measured width; what does not fit is left off at the end rather than drawn over.
/// </summary>
public static class KeyBar
{
    /// <summary>Height of the bar at <paramref name="ui"/>'s scale.</summary>
    public static float HeightFor(UiContext ui) => MathF.Ceiling(24 * ui.Scale);

    /// <summary>Draws <paramref name="controls"/> into <paramref name="area"/>.</summary>
    public static void Draw(IRenderBackend backend, RectF area, IEnumerable<ControlHelp> controls, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(ui);
        backend.FillRect(area, Palette.HudBackground);
        var size = ui.SmallSize;
        var x = area.X + (10 * ui.Scale);
        var y = area.Y + ((area.Height - size) / 2) - 2;
        backend.SetClip(area);
        foreach (var control in controls)
        {
            var keys = control.KeysIn(ui);
            var what = control.WhatIn(ui);
            var keysWidth = TextMeasure.Of(backend, keys, size).X;
            var whatWidth = TextMeasure.Of(backend, what, size).X;
            if (x + keysWidth + whatWidth + (8 * ui.Scale) > area.Right)
            {
                break;
            }

            backend.DrawText(keys, new Vector2(x, y), size, Palette.Kernel);
            x += keysWidth + (5 * ui.Scale);
            backend.DrawText(what, new Vector2(x, y), size, Palette.HudText);
            x += whatWidth + (16 * ui.Scale);
        }

        backend.SetClip(null);
    }
}
