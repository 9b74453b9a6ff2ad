using System.Numerics;
using VmQuest.City.Hud;
using VmQuest.Platform;

namespace VmQuest.City.Physical;

/// <summary>
/// Keeps a zoomed-out city readable (the texture level of detail): thin streets between districts so they stay
/// distinguishable even when a lot is smaller than a pixel, labels with each district's (or district row's)
/// physical address, and a caption that says what a block is and how many lots a pixel stands for. Draw cost
/// follows the screen: at most one line per visible district column and row, one label per visible row.
/// </summary>
public static class DistrictOverlay
{
    private const int MaxLines = 512;
    private const float MinLinePitch = 8, MinLabelPitch = 40, DistrictLabelWidth = 150;

    /// <summary>
    /// Draws the district labels and, in the far view (<paramref name="farView"/>: the texture level of detail), the
    /// streets between districts and the caption, over the city seen through <paramref name="camera"/>.
    /// </summary>
    public static void Draw(IRenderBackend backend, CityGrid grid, Camera2D camera, RectF city, ulong pageSize, bool farView)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(grid);
        var columnPitch = grid.DistrictWidth * camera.Zoom;
        var rowPitch = grid.DistrictHeight * camera.Zoom;
        var origin = camera.WorldToScreen(Vector2.Zero);
        var bounds = camera.WorldToScreen(grid.Bounds);
        var top = Math.Max(city.Y, bounds.Y);
        var bottom = Math.Min(city.Bottom, bounds.Bottom);
        var left = Math.Max(city.X, bounds.X);
        var right = Math.Min(city.Right, bounds.Right);
        if (!farView)
        {
            if (grid.Districts > 1)
            {
                DrawLabels(backend, grid, origin, columnPitch, rowPitch, city, pageSize);
            }

            return;
        }

        if (grid.Districts > 1 && right > left && bottom > top)
        {
            // One batched fill for every street line: at most MaxLines, spaced at least MinLinePitch apart.
            Span<RectF> lines = stackalloc RectF[MaxLines];
            var count = 0;
            var columnStep = Math.Max(1, (int)Math.Ceiling(MinLinePitch / columnPitch));
            for (var c = columnStep; c < grid.DistrictColumns && count < MaxLines; c += columnStep)
            {
                var x = origin.X + (c * columnPitch);
                if (x > left && x < right)
                {
                    lines[count++] = new RectF(MathF.Floor(x), top, 1, bottom - top);
                }
            }

            var rowStep = Math.Max(1, (int)Math.Ceiling(MinLinePitch / rowPitch));
            for (var r = rowStep; r < grid.DistrictRowCount && count < MaxLines; r += rowStep)
            {
                var y = origin.Y + (r * rowPitch);
                if (y > top && y < bottom)
                {
                    lines[count++] = new RectF(left, MathF.Floor(y), right - left, 1);
                }
            }

            backend.FillRects(lines[..count], Palette.Background);
            DrawLabels(backend, grid, origin, columnPitch, rowPitch, city, pageSize);
        }

        Span<char> text = stackalloc char[128];
        var lotsPerPixel = 1 / Math.Max(1e-6f, camera.Zoom * camera.Zoom);
        var ok = lotsPerPixel >= 1.5f
            ? text.TryWrite(TextSpan.Culture, $"far view: 1 pixel ≈ {lotsPerPixel:0} lots · a block is a district of {grid.LotsPerDistrict} frames ({Size((ulong)grid.LotsPerDistrict * pageSize)}) · wheel zooms in", out var written)
            : text.TryWrite(TextSpan.Culture, $"far view: a block is a district of {grid.LotsPerDistrict} frames ({Size((ulong)grid.LotsPerDistrict * pageSize)}) · wheel zooms in for single lots", out written);
        if (ok)
        {
            backend.FillRect(new RectF(city.X, city.Bottom - 20, city.Width, 20), Palette.HudBackground.WithAlpha(220));
            backend.DrawDynamicText(text[..written], new Vector2(city.X + 8, city.Bottom - 18), 13, Palette.TextDim);
        }
    }

    // District labels when a district is wide enough for one; otherwise one label per (visible, spaced) row of
    // districts on the left edge, with the row's first physical address.
    private static void DrawLabels(IRenderBackend backend, CityGrid grid, Vector2 origin, float columnPitch, float rowPitch, RectF city, ulong pageSize)
    {
        Span<char> text = stackalloc char[48];
        var rowStep = Math.Max(1, (int)Math.Ceiling(MinLabelPitch / rowPitch));
        var firstRow = Math.Max(0, (int)((city.Y - origin.Y) / rowPitch));
        var lastRow = Math.Min(grid.DistrictRowCount - 1, (int)((city.Bottom - origin.Y) / rowPitch));
        firstRow -= firstRow % rowStep;
        for (var r = firstRow; r <= lastRow; r += rowStep)
        {
            var y = origin.Y + (r * rowPitch);
            if (y < city.Y || y > city.Bottom - 36)
            {
                continue;
            }

            if (columnPitch >= DistrictLabelWidth)
            {
                var firstColumn = Math.Max(0, (int)((city.X - origin.X) / columnPitch));
                var lastColumn = Math.Min(grid.DistrictColumns - 1, (int)((city.Right - origin.X) / columnPitch));
                for (var c = firstColumn; c <= lastColumn; c++)
                {
                    var district = ((long)r * grid.DistrictColumns) + c;
                    if (district < grid.Districts)
                    {
                        Label(backend, text, district, grid, pageSize, new Vector2(origin.X + (c * columnPitch) + 2, y + 1));
                    }
                }
            }
            else
            {
                Label(backend, text, (long)r * grid.DistrictColumns, grid, pageSize, new Vector2(Math.Max(city.X + 2, origin.X + 2), y + 1));
            }
        }
    }

    private static void Label(IRenderBackend backend, Span<char> text, long district, CityGrid grid, ulong pageSize, Vector2 at)
    {
        var frame = district * grid.LotsPerDistrict;
        var bytes = (ulong)frame * pageSize;
        var inMiB = (ulong)grid.LotsPerDistrict * pageSize >= 1UL << 20;
        var ok = inMiB
            ? text.TryWrite(TextSpan.Culture, $"frame {frame:N0} · {bytes >> 20} MiB", out var written)
            : text.TryWrite(TextSpan.Culture, $"frame {frame:N0} · {bytes >> 10} KiB", out written);
        if (!ok)
        {
            return;
        }

        backend.FillRect(new RectF(at.X, at.Y, (written * 6.6f) + 6, 15), Palette.HudBackground.WithAlpha(210));
        backend.DrawDynamicText(text[..written], new Vector2(at.X + 3, at.Y), 11, Palette.HudText);
    }

    private static string Size(ulong bytes) => bytes switch
    {
        >= 1UL << 30 when bytes % (1UL << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1UL << 10 when bytes % (1UL << 20) != 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes >> 20} MiB",
    };
}
