using System.Numerics;
using VmQuest.Platform;
using VmQuest.Screens.Play;

namespace VmQuest.Ostep;

/// <summary>
/// Draws an <see cref="OstepPicture"/> in the city's own look: each street a row of lots (wrapped when long) under its
/// name, lots in the city's colours (mapped pages as data, tables as the page-table bureau, free lots dim), the lot
/// asked about outlined, and after the check the answer's roads from a page to its frame.
/// </summary>
public static class OstepCityView
{
    /// <summary>Draws <paramref name="picture"/> into <paramref name="area"/>: its answered streets once <paramref name="answered"/>.</summary>
    public static void Draw(IRenderBackend backend, UiContext ui, RectF area, OstepPicture picture, bool answered)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        ArgumentNullException.ThrowIfNull(picture);
        var streets = answered ? picture.Answered : picture.Asked;
        var pad = 10f * ui.Scale;
        backend.FillRect(area, Palette.HudBackground);
        backend.DrawRect(area, Palette.FreeLot);
        var legendHeight = ui.SmallSize * 1.8f;
        var inner = new RectF(area.X + pad, area.Y + pad, area.Width - (2 * pad), area.Height - (2 * pad) - legendHeight);
        var lot = LotSize(ui, inner, streets);
        var centres = new List<Vector2[]>();
        var y = inner.Y;
        foreach (var street in streets)
        {
            backend.DrawText(street.Name.In(ui.Language), new Vector2(inner.X, y), ui.SmallSize, Palette.HudText);
            y += ui.SmallSize * 1.5f;
            var perRow = PerRow(inner.Width, lot);
            var here = new Vector2[street.Lots.Count];
            for (var i = 0; i < street.Lots.Count; i++)
            {
                var rect = new RectF(inner.X + (i % perRow * lot), y + (i / perRow * lot), lot - 2f, lot - 2f);
                DrawLot(backend, ui, rect, street.Lots[i], i == street.Marked);
                here[i] = new Vector2(rect.X + (rect.Width / 2), rect.Y + (rect.Height / 2));
            }

            centres.Add(here);
            y += (Rows(street.Lots.Count, perRow) * lot) + (lot * 0.9f);
        }

        if (answered)
        {
            foreach (var road in picture.Roads)
            {
                if (road.FromStreet < centres.Count && road.ToStreet < centres.Count
                    && road.FromLot >= 0 && road.FromLot < centres[road.FromStreet].Length && road.ToLot >= 0 && road.ToLot < centres[road.ToStreet].Length)
                {
                    var half = (lot - 2f) / 2;
                    var from = centres[road.FromStreet][road.FromLot] + new Vector2(0, half);
                    var to = centres[road.ToStreet][road.ToLot] - new Vector2(0, half);
                    backend.DrawLine(from, to, Palette.Highlight, 2f * ui.Scale);
                }
            }
        }

        DrawLegend(backend, ui, new Vector2(inner.X, area.Bottom - pad - ui.SmallSize * 1.2f));
    }

    /// <summary>The height the picture needs at its largest lots (its answered streets and the legend) in <paramref name="width"/>.</summary>
    public static float PreferredHeight(UiContext ui, float width, OstepPicture picture)
    {
        ArgumentNullException.ThrowIfNull(ui);
        ArgumentNullException.ThrowIfNull(picture);
        var pad = 10f * ui.Scale;
        var lot = 34f * ui.Scale;
        var perRow = PerRow(width - (2 * pad), lot);
        return (2 * pad) + (ui.SmallSize * 1.8f) + picture.Answered.Sum(s => (ui.SmallSize * 1.5f) + (Rows(s.Lots.Count, perRow) * lot) + (lot * 0.9f));
    }

    // The largest lot (at most 34 px at scale 1, at least 14) with which every street fits the area's height.
    private static float LotSize(UiContext ui, RectF area, IReadOnlyList<OstepStreet> streets)
    {
        for (var lot = 34f * ui.Scale; lot > 14f * ui.Scale; lot -= 2f * ui.Scale)
        {
            var perRow = PerRow(area.Width, lot);
            var height = streets.Sum(s => (ui.SmallSize * 1.5f) + (Rows(s.Lots.Count, perRow) * lot) + (lot * 0.9f));
            if (height <= area.Height)
            {
                return lot;
            }
        }

        return 14f * ui.Scale;
    }

    private static int PerRow(float width, float lot) => Math.Max(1, (int)(width / lot));

    private static int Rows(int lots, int perRow) => Math.Max(1, (lots + perRow - 1) / perRow);

    private static void DrawLot(IRenderBackend backend, UiContext ui, RectF rect, OstepLot lot, bool marked)
    {
        var colour = ColourOf(lot.Kind);
        backend.FillRect(rect, colour);
        var size = Math.Min(ui.SmallSize, rect.Height * 0.55f);
        var width = backend.MeasureText(lot.Label, size).X;
        if (lot.Label.Length > 0 && width <= rect.Width - 2f)
        {
            backend.DrawText(lot.Label, new Vector2(rect.X + ((rect.Width - width) / 2), rect.Y + ((rect.Height - size) / 2)), size, Palette.LabelOn(colour));
        }

        if (marked)
        {
            backend.DrawRect(new RectF(rect.X - 2f, rect.Y - 2f, rect.Width + 4f, rect.Height + 4f), Palette.Highlight, 3f * ui.Scale);
        }
    }

    private static Colour ColourOf(OstepLotKind kind) => kind switch
    {
        OstepLotKind.Mapped => Palette.DataPages,
        OstepLotKind.Table => Palette.PageTableBureau,
        OstepLotKind.Resident => Palette.Heap,
        OstepLotKind.Reference => Palette.TextPages,
        _ => Palette.FreeLot,
    };

    private static void DrawLegend(IRenderBackend backend, UiContext ui, Vector2 at)
    {
        (Colour Colour, string En, string Zh)[] keys =
        [
            (Palette.DataPages, "valid / mapped", "有效 / 已映射"),
            (Palette.PageTableBureau, "page table", "页表"),
            (Palette.Heap, "in memory", "在内存中"),
            (Palette.FreeLot, "empty / not valid", "空 / 无效"),
            (Palette.Highlight, "asked · answer", "所问 · 答案"),
        ];
        var swatch = ui.SmallSize * 0.9f;
        var x = at.X;
        foreach (var (colour, en, zh) in keys)
        {
            backend.FillRect(new RectF(x, at.Y + (ui.SmallSize * 0.1f), swatch, swatch), colour);
            x += swatch + (ui.SmallSize * 0.4f);
            var text = ui.T(en, zh);
            backend.DrawText(text, new Vector2(x, at.Y), ui.SmallSize, Palette.HudText);
            x += backend.MeasureText(text, ui.SmallSize).X + ui.SmallSize;
        }
    }
}
