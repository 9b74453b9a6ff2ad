using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>
/// The help overlay (h, ?, F1): every key and mouse action the city takes, and what each part of the screen is.
/// Drawn over the whole view on a dimmed backdrop; any of its keys or Esc closes it.
/// </summary>
public static class HelpOverlay
{
    /// <summary>The keys and what they do, in the order shown (also what the tests check against the view).</summary>
    public static IReadOnlyList<(string Keys, string Action)> Keys { get; } =
    [
        ("h  ?  F1", "show or hide this help"),
        ("Space", "pause / resume the simulation"),
        ("N  or  .", "step one tick (while paused: watch the event log)"),
        ("1  2  3", "speed 1× (30 ticks/s), 4×, max"),
        ("R", "run the programs again from the start"),
        ("F12", "save this screen as vmquest-sandbox-N.png in the current directory"),
        ("drag, arrow keys", "pan the physical city"),
        ("mouse wheel", "zoom at the mouse; Home fits the whole city"),
        ("hover", "tooltip: a lot's frame, owner and PTE; a street page's VMA; the TLB board"),
        ("click a lot", "select it: its details and entity components stay in the box at the top left"),
        ("click a street or a city-hall row", "select that process: its lots and street are outlined, the VMA shown"),
        ("click an empty spot", "clear the selection"),
        ("Tab   [  ]", "select the next process; the previous / next lot"),
        ("F   K", "sandbox: fork / kill (SIGTERM) the selected process"),
        ("C", "sandbox: console — run a workload line in the selected process"),
        ("F5   F9", "sandbox: save the run to vmquest-sandbox.save / load it (exactly)"),
        ("O", "sandbox: settings panel (machine, TLB, swap, policy…); Enter restarts"),
        ("PgUp  PgDn", "scroll the selection's entity components"),
        ("Esc", "close this help, or quit"),
    ];

    /// <summary>What each part of the screen shows.</summary>
    public static IReadOnlyList<string> Parts { get; } =
    [
        "Physical city (centre): one lot per physical frame, coloured by use; districts of 512 frames (2 MiB).",
        "Harbour (under the city): swap. Virtual districts (bottom): each process's address space, low → high.",
        "Side panel: city hall (the page-table root register and processes), the TLB board, the legend, the event log.",
    ];

    /// <summary>The box's height (its width is 820): room for every key, the parts and the closing line.</summary>
    public const int BoxHeight = 600;

    /// <summary>Draws the overlay over a <paramref name="width"/> × <paramref name="height"/> screen.</summary>
    public static void Draw(IRenderBackend backend, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(backend);
        backend.FillRect(new RectF(0, 0, width, height), Palette.Background.WithAlpha(200));
        var box = new RectF(Math.Max(10, (width - 820) / 2f), Math.Max(10, (height - BoxHeight) / 2f), Math.Min(820, width - 20), Math.Min(BoxHeight, height - 20));
        backend.FillRect(box, Palette.HudBackground);
        backend.DrawRect(box, Palette.Kernel, 2);
        backend.DrawText("Help (帮助) — the city of memory", new Vector2(box.X + 20, box.Y + 14), 20, Palette.Kernel);
        var y = box.Y + 52;
        var keyWidth = 0f;
        foreach (var (keys, _) in Keys)
        {
            keyWidth = Math.Max(keyWidth, backend.MeasureText(keys, 15).X);
        }

        foreach (var (keys, action) in Keys)
        {
            backend.DrawText(keys, new Vector2(box.X + 20, y), 15, Palette.HudText);
            backend.DrawText(action, new Vector2(box.X + 36 + keyWidth, y), 15, Palette.TextDim);
            y += 22;
        }

        y += 10;
        foreach (var part in Parts)
        {
            backend.DrawText(part, new Vector2(box.X + 20, y), 13, Palette.TextDim);
            y += 20;
        }

        backend.DrawText("Press h, ?, F1 or Esc to close.", new Vector2(box.X + 20, box.Bottom - 30), 14, Palette.Kernel);
    }
}
