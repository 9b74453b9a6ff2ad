using System.Globalization;
using System.Numerics;
using System.Text;
using VmQuest.Levels.Model;
using VmQuest.Levels.Traces;
using VmQuest.Platform;
using VmQuest.Screens.Play;

namespace VmQuest.Screens.Shell;

/// <summary>
/// The briefing's small picture: for a level with a reference string, the string itself as a strip of pages over
/// the frames memory has (what the player will reason about); otherwise a block of the city's lots in the colours
/// of the level's mechanic.
/// </summary>
public static class BriefingPicture
{
    /// <summary>Most references the strip shows.</summary>
    public const int MaxShown = 24;

    /// <summary>The first references of the level's first trace (at most <see cref="MaxShown"/> + 1), or empty when it has none.</summary>
    public static IReadOnlyList<long> References(Level level)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (level.Traces.Count == 0)
        {
            return [];
        }

        var trace = level.Traces[0];
        if (trace.Generator is { } generator)
        {
            var spec = generator with { Length = Math.Min(generator.Length, MaxShown + 1) };
            return [.. TraceGenerator.Generate(spec, trace.Seed).Select(r => (long)r.Page)];
        }

        if (trace.File is not { } file || trace.Format != LevelTraceFormat.Refs)
        {
            return [];
        }

        var pages = new List<long>();
        foreach (var raw in Encoding.UTF8.GetString(file.Bytes).Split('\n'))
        {
            var line = raw.Split('#')[0];
            foreach (var token in line.Split([' ', '\t', ',', '\r'], StringSplitOptions.RemoveEmptyEntries))
            {
                var parsed = token.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    ? long.TryParse(token[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) ? hex : (long?)null
                    : long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var dec) ? dec : null;
                if (parsed is { } page)
                {
                    pages.Add(page);
                    if (pages.Count > MaxShown)
                    {
                        return pages;
                    }
                }
            }
        }

        return pages;
    }

    /// <summary>Draws the picture of <paramref name="level"/> into <paramref name="area"/>.</summary>
    public static void Draw(IRenderBackend backend, UiContext ui, RectF area, Level level)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        ArgumentNullException.ThrowIfNull(level);
        backend.FillRect(area, Palette.HudBackground);
        backend.DrawRect(area, Palette.FreeLot);
        var pad = 12f * ui.Scale;
        var references = References(level);
        if (references.Count > 0)
        {
            DrawStrip(backend, ui, new RectF(area.X + pad, area.Y + pad, area.Width - (2 * pad), area.Height - (2 * pad)), references, level.Frames);
        }
        else
        {
            DrawLots(backend, ui, new RectF(area.X + pad, area.Y + pad, area.Width - (2 * pad), area.Height - (2 * pad)), level);
        }
    }

    private static void DrawStrip(IRenderBackend backend, UiContext ui, RectF area, IReadOnlyList<long> references, int? frames)
    {
        backend.DrawText(ui.T("The reference string", "引用串"), area.Position, ui.SmallSize, Palette.TextDim);
        var shown = Math.Min(references.Count, MaxShown);
        var perRow = Math.Min(shown, 12);
        var cell = Math.Min(34f * ui.Scale, (area.Width - (perRow * 4)) / Math.Max(1, perRow));
        var y = area.Y + (ui.SmallSize * 1.8f);
        for (var i = 0; i < shown; i++)
        {
            var box = new RectF(area.X + (i % perRow * (cell + 4)), y + (i / perRow * (cell + 8)), cell, cell);
            var colour = Palette.OwnerHues[(int)(references[i] % Palette.OwnerHues.Count)];
            backend.FillRect(box, colour);
            var label = references[i].ToString(CultureInfo.InvariantCulture);
            var size = ui.TextSize;
            var width = VmQuest.Screens.Play.Widgets.TextMeasure.Of(backend, label, size).X;
            backend.DrawText(label, new Vector2(box.X + ((cell - width) / 2), box.Y + ((cell - size) / 2)), size, Palette.LabelOn(colour));
        }

        var rows = (shown + perRow - 1) / perRow;
        y += (rows * (cell + 8)) + (ui.SmallSize * 0.6f);
        if (references.Count > MaxShown)
        {
            backend.DrawText("…", new Vector2(area.X, y - (ui.SmallSize * 1.2f)), ui.SmallSize, Palette.TextDim);
        }

        if (frames is { } count)
        {
            backend.DrawText(ui.T($"Memory: {count} frames", $"内存：{count} 个页框"), new Vector2(area.X, y), ui.SmallSize, Palette.TextDim);
            y += ui.SmallSize * 1.6f;
            for (var f = 0; f < Math.Min(count, 16); f++)
            {
                var lot = new RectF(area.X + (f * (cell + 4)), y, cell, cell);
                backend.FillRect(lot, Palette.FreeLot);
                backend.DrawRect(lot, Palette.TextDim);
            }
        }
    }

    private static void DrawLots(IRenderBackend backend, UiContext ui, RectF area, Level level)
    {
        var mechanic = level.Player.Mechanics[0];
        backend.DrawText(ShellWords.MechanicName(mechanic, ui), area.Position, ui.SmallSize, Palette.TextDim);
        var colours = mechanic switch
        {
            Mechanic.Translate => new[] { Palette.PageTableBureau, Palette.Tlb, Palette.FreeLot },
            Mechanic.FaultAction => [Palette.Fault, Palette.FreeLot, Palette.Swap],
            Mechanic.Permissions => [Palette.TextPages, Palette.DataPages, Palette.Stack, Palette.Fault],
            Mechanic.Schedule => [Palette.Kernel, Palette.Tlb, Palette.FreeLot],
            Mechanic.ElfLayout => [Palette.TextPages, Palette.DataPages, Palette.Heap, Palette.FreeLot],
            _ => [Palette.Heap, Palette.Stack, Palette.FreeLot, Palette.Swap],
        };
        var lot = 22f * ui.Scale;
        var columns = Math.Max(1, (int)(area.Width / (lot + 4)));
        var rows = Math.Max(1, (int)((area.Height - (ui.SmallSize * 2)) / (lot + 4)));
        for (var i = 0; i < columns * rows; i++)
        {
            var colour = colours[((i * 7) + (i / columns * 3)) % colours.Length];
            backend.FillRect(new RectF(area.X + (i % columns * (lot + 4)), area.Y + (ui.SmallSize * 1.8f) + (i / columns * (lot + 4)), lot, lot), colour);
        }
    }
}
