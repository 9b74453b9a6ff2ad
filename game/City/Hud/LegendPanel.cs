using System.Numerics;
using VmQuest.City.Physical;
using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>The key to the city's colours, in two columns, drawn with the same roles the lots use.</summary>
public static class LegendPanel
{
    private const float RowHeight = 20;

    private static readonly (string Label, Colour Colour)[] Entries =
    [
        ("free lot", Palette.FreeLot), ("page table (bureau)", Palette.PageTableBureau),
        ("file / text", Palette.TextPages), ("data / bss", Palette.DataPages),
        ("heap / anon mmap", Palette.Heap), ("stack", Palette.Stack),
        ("kernel (walled)", Palette.Kernel), ("swap (harbour)", Palette.Swap),
        ("page fault", Palette.Fault), ("TLB express lane", Palette.Tlb),
    ];

    /// <summary>Height the legend needs.</summary>
    public static float Height => 24 + ((Entries.Length / 2) + 2) * RowHeight;

    /// <summary>Draws the legend at <paramref name="area"/>'s top-left.</summary>
    public static void Draw(IRenderBackend backend, RectF area)
    {
        ArgumentNullException.ThrowIfNull(backend);
        backend.DrawText("Legend (图例)", new Vector2(area.X, area.Y), 16, Palette.Text);
        var top = area.Y + 24;
        var column = area.Width / 2;
        var size = LabelSize(backend, column);
        for (var i = 0; i < Entries.Length; i++)
        {
            var at = new Vector2(area.X + ((i % 2) * column), top + ((i / 2) * RowHeight));
            backend.FillRect(new RectF(at.X, at.Y + 2, 14, 14), Entries[i].Colour);
            backend.DrawText(Entries[i].Label, new Vector2(at.X + 20, at.Y), size, Palette.TextDim);
        }

        // Copy-on-write and dirty are marks on a lot, shown as a sample lot.
        var row = top + ((Entries.Length / 2) * RowHeight);
        var cow = new RectF(area.X, row + 2, 14, 14);
        backend.FillRect(cow, Palette.CowPrimary);
        backend.FillTriangles([new(cow.Right, cow.Y), new(cow.Right, cow.Bottom), new(cow.X, cow.Bottom)], Palette.CowSecondary);
        backend.DrawText(CowLabel, new Vector2(area.X + 20, row), size, Palette.TextDim);
        var dirty = new RectF(area.X + column, row + 2, 14, 14);
        backend.FillRect(dirty, LotColours.Of(LotKind.Heap));
        backend.FillRect(new RectF(dirty.Right - 5, dirty.Y, 5, 5), Palette.Background);
        backend.DrawText("dirty (notch)", new Vector2(dirty.X + 20, row), size, Palette.TextDim);

        // The zero page: a walled lot with nothing inside, drawn as the lots draw it.
        row += RowHeight;
        var zero = new RectF(area.X, row + 2, 14, 14);
        backend.FillRect(zero, LotColours.Of(LotKind.ZeroPage));
        backend.FillRect(new RectF(zero.X + 3, zero.Y + 3, 8, 8), Palette.Background);
        backend.DrawText(ZeroPageLabel, new Vector2(area.X + 20, row), size, Palette.TextDim);
    }

    private const string ZeroPageLabel = "shared zero page (零页) ×mappers";

    private const string CowLabel = "COW shared ×refcount";

    // 13 px labels, smaller (down to 10 px) when a column is too narrow for the widest one: the play screen's city is
    // narrower than the sandbox's, and two columns of overlapping words read as neither.
    // The labels never change, so their widest width is measured once (the font is the process's).
    private static float LabelSize(IRenderBackend backend, float column)
    {
        const float Normal = 13;
        if (_widestLabel <= 0)
        {
            _widestLabel = Math.Max(Entries.Max(e => backend.MeasureText(e.Label, Normal).X), backend.MeasureText(CowLabel, Normal).X);
        }

        var room = column - 24;
        return _widestLabel <= room ? Normal : Math.Max(10, MathF.Floor(Normal * room / _widestLabel));
    }

    private static float _widestLabel;
}
