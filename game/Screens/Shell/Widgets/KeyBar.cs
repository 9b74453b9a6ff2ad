using System.Numerics;
using VmQuest.Platform;
using VmQuest.Screens.Play;

namespace VmQuest.Screens.Shell.Widgets;

/// <summary>
/// The strip along the bottom of every shell screen that says what its keys do (DESIGN.md §7: "every screen … says
/// what its keys do"), in the UI's language: <c>Enter start · Esc back · …</c>.
/// </summary>
public static class KeyBar
{
    /// <summary>The bar's height at <paramref name="ui"/>'s scale.</summary>
    public static float Height(UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        return ui.SmallSize * 2.4f;
    }

    /// <summary>The area above the bar: where a screen lays itself out.</summary>
    public static RectF Above(float width, float height, UiContext ui) => new(0, 0, width, height - Height(ui));

    /// <summary>Draws <paramref name="controls"/> along the bottom of the window, wrapping to a second row when needed.</summary>
    public static void Draw(IRenderBackend backend, UiContext ui, IReadOnlyList<ControlHelp> controls)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        ArgumentNullException.ThrowIfNull(controls);
        var height = Height(ui);
        var top = backend.Height - height;
        backend.FillRect(new RectF(0, top, backend.Width, height), Palette.HudBackground);
        backend.DrawLine(new Vector2(0, top), new Vector2(backend.Width, top), Palette.TextDim);
        var size = ui.SmallSize;
        var x = size;
        var y = top + ((height - size) / 2);
        foreach (var control in controls)
        {
            var keys = control.KeysIn(ui);
            var what = control.WhatIn(ui);
            var keyWidth = backend.MeasureText(keys, size).X;
            var whatWidth = backend.MeasureText(what, size).X;
            if (x + keyWidth + whatWidth + (size * 1.5f) > backend.Width && x > size)
            {
                break; // the rest would fall off the window; the screens keep their bars short enough to fit
            }

            var keyBox = new RectF(x - 4, y - (size * 0.2f), keyWidth + 8, size * 1.5f); // glyphs reach below the size (descenders)
            backend.FillRect(keyBox, Palette.Background);
            backend.DrawRect(keyBox, Palette.TextDim);
            backend.DrawText(keys, new Vector2(x, y), size, Palette.HudText);
            x += keyWidth + (size * 0.6f);
            backend.DrawText(what, new Vector2(x, y), size, Palette.TextDim);
            x += whatWidth + (size * 1.6f);
        }
    }
}
