using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>A box of text lines near the mouse, kept inside the window.</summary>
public static class TooltipPanel
{
    private const float Size = 14, LineHeight = 18, Padding = 8;

    /// <summary>Draws <paramref name="lines"/> next to <paramref name="mouse"/>, flipped to stay on screen.</summary>
    public static void Draw(IRenderBackend backend, IReadOnlyList<string> lines, Vector2 mouse)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return;
        }

        var width = 0f;
        foreach (var line in lines)
        {
            width = Math.Max(width, backend.MeasureText(line, Size).X);
        }

        var box = new RectF(mouse.X + 16, mouse.Y + 18, width + (2 * Padding), (lines.Count * LineHeight) + (2 * Padding) - 4);
        if (box.Right > backend.Width)
        {
            box = box with { X = Math.Max(0, mouse.X - 16 - box.Width) };
        }

        if (box.Bottom > backend.Height)
        {
            box = box with { Y = Math.Max(0, mouse.Y - 12 - box.Height) };
        }

        backend.FillRect(box, Palette.HudBackground);
        backend.DrawRect(box, Palette.Highlight, 1);
        for (var i = 0; i < lines.Count; i++)
        {
            backend.DrawText(lines[i], new Vector2(box.X + Padding, box.Y + Padding + (i * LineHeight)), Size, i == 0 ? Palette.HudText : Palette.TextDim);
        }
    }
}
