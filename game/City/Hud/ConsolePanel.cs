using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>
/// The sandbox console, drawn along the bottom of the physical city while it is open: the prompt with the process
/// the line runs in and what is typed, and under it what the last line did (or why it failed).
/// </summary>
public static class ConsolePanel
{
    /// <summary>The panel's height in pixels.</summary>
    public const float Height = 58;

    /// <summary>Where the panel sits inside <paramref name="city"/>.</summary>
    public static RectF Area(RectF city) => new(city.X + 8, city.Bottom - Height - 6, city.Width - 16, Height);

    /// <summary>Draws <paramref name="line"/> for process <paramref name="pid"/> (0: none selected) at the bottom of <paramref name="city"/>.</summary>
    public static void Draw(IRenderBackend backend, RectF city, ConsoleLine line, int pid, bool caretOn)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(line);
        var box = Area(city);
        backend.FillRect(box, Palette.HudBackground.WithAlpha(235));
        backend.DrawRect(box, Palette.Kernel, 1);
        backend.SetClip(box);
        var heading = "Console (控制台) · Enter runs · ↑↓ history · Esc closes";
        backend.DrawText(heading, new Vector2(box.X + 8, box.Y + 4), 12, Palette.TextDim);
        var prompt = pid == 0 ? "no process selected> " : $"pid {pid}> ";
        backend.DrawDynamicText($"{prompt}{line.Typed}{(caretOn ? "_" : " ")}", new Vector2(box.X + 8, box.Y + 20), 15, Palette.HudText);
        if (line.Result is { } result)
        {
            backend.DrawDynamicText(result, new Vector2(box.X + 8, box.Y + 40), 13, Palette.Kernel);
        }

        backend.SetClip(null);
    }
}
