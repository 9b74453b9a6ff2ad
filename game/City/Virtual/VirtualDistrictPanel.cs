using System.Numerics;
using VmQuest.City.Hud;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Platform;

namespace VmQuest.City.Virtual;

/// <summary>
/// The virtual districts: one street per process (the running one first), low addresses on the left. VMAs are
/// zoned blocks labelled with their permissions, gaps are break marks (≈), the kernel half is a walled quarter.
/// Built pages are solid, untouched pages are planned (outlined), swapped pages sit in the harbour colour.
/// Streets are rebuilt by <see cref="Rebuild"/> (update phase); <see cref="Draw"/> only reads them.
/// </summary>
public sealed class VirtualDistrictPanel
{
    /// <summary>Height of one street row.</summary>
    public const float RowHeight = 34;

    /// <summary>Width of the process label left of each street.</summary>
    public const float LabelWidth = 108;

    private const float HeaderHeight = 22;

    private readonly List<AddressStreet> _streets = [];
    private int _shown;

    /// <summary>Streets currently laid out.</summary>
    public IReadOnlyList<AddressStreet> Streets => _streets.GetRange(0, _shown);

    /// <summary>How many streets fit in <paramref name="area"/>.</summary>
    public static int Capacity(RectF area) => Math.Max(0, (int)((area.Height - HeaderHeight) / RowHeight));

    /// <summary>Where street <paramref name="row"/>'s page plots are drawn.</summary>
    public static RectF StreetBounds(RectF area, int row) =>
        new(area.X + LabelWidth, area.Y + HeaderHeight + (row * RowHeight) + 14, area.Width - LabelWidth - 10, 14);

    /// <summary>Lays out the streets: the running process first, then the others by pid.</summary>
    public void Rebuild(KernelCore kernel, RectF area)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var capacity = Capacity(area);
        var width = area.Width - LabelWidth - 10;
        _shown = 0;
        if (kernel.CurrentPid != 0)
        {
            Next().Build(kernel, kernel.CurrentPid, width);
        }

        var pids = kernel.Pids;
        for (var i = 0; i < pids.Count; i++)
        {
            var pid = pids[i];
            if (_shown >= capacity)
            {
                break;
            }

            if (pid != kernel.CurrentPid && kernel.MemoryOf(pid).Mm is not null)
            {
                Next().Build(kernel, pid, width);
            }
        }

        AddressStreet Next()
        {
            if (_shown == _streets.Count)
            {
                _streets.Add(new AddressStreet());
            }

            return _streets[_shown++];
        }
    }

    /// <summary>The process and virtual address under <paramref name="point"/>, if any.</summary>
    public (int Pid, ulong Va)? PageAt(RectF area, Vector2 point, ulong pageSize)
    {
        for (var row = 0; row < _shown; row++)
        {
            var bounds = StreetBounds(area, row);
            if (point.Y < bounds.Y - 12 || point.Y >= bounds.Bottom || point.X < bounds.X || point.X >= bounds.Right)
            {
                continue;
            }

            var street = _streets[row];
            var (segment, cell) = street.HitTest(point.X - bounds.X);
            if (cell < 0 || segment < 0)
            {
                return null;
            }

            var area0 = street.Segments[segment].Area;
            return (street.Pid, area0.Start + (street.Cells[cell].FirstPage * pageSize));
        }

        return null;
    }

    /// <summary>The pid of the street row under <paramref name="point"/> (label or plots), or 0.</summary>
    public int StreetAt(RectF area, Vector2 point)
    {
        for (var row = 0; row < _shown; row++)
        {
            var bounds = StreetBounds(area, row);
            if (point.Y >= bounds.Y - 14 && point.Y < bounds.Bottom + 4 && point.X >= area.X && point.X < area.Right)
            {
                return _streets[row].Pid;
            }
        }

        return 0;
    }

    /// <summary>Draws the panel into <paramref name="area"/>; the street of <paramref name="selectedPid"/> is outlined.</summary>
    public void Draw(IRenderBackend backend, RectF area, KernelCore kernel, int selectedPid = 0)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(kernel);
        // The whole caption where it fits, else its first half (a level's play screen gives the city less width).
        const string caption = "Virtual districts (虚拟地址空间): each process's street, low → high; ≈ gaps compressed";
        const string shortCaption = "Virtual districts (虚拟地址空间): each process's street";
        var fits = backend.MeasureText(caption, 14).X <= area.Width - 20;
        backend.DrawText(fits ? caption : shortCaption, new Vector2(area.X + 10, area.Y + 3), 14, Palette.Text);
        Span<char> text = stackalloc char[48];
        for (var row = 0; row < _shown; row++)
        {
            var street = _streets[row];
            var bounds = StreetBounds(area, row);
            // Streets are rebuilt every few frames: a process reaped since then says so instead of a bare "?".
            var name = kernel.Exists(street.Pid) && kernel.MemoryOf(street.Pid).Mm is not null ? kernel.Info(street.Pid).Name : "(exited)";
            var ok = text.TryWrite(TextSpan.Culture, $"pid {street.Pid} {name}", out var written);
            if (street.Pid == selectedPid)
            {
                backend.DrawRect(new RectF(area.X + 4, bounds.Y - 16, area.Width - 8, bounds.Height + 20), Palette.Highlight, 2);
            }

            var labelColour = street.Pid == kernel.CurrentPid ? Palette.Kernel : Palette.TextDim;
            TextSpan.Draw(backend, text, ok, written, new Vector2(area.X + 10, bounds.Y - 2), 13, labelColour);
            DrawStreet(backend, street, bounds);
        }
    }

    private static void DrawStreet(IRenderBackend backend, AddressStreet street, RectF bounds)
    {
        foreach (var segment in street.Segments)
        {
            var x = bounds.X + segment.X;
            if (segment.IsGap)
            {
                // Break mark: two slanted strokes, the map-maker's "distance not to scale".
                backend.DrawLine(new Vector2(x + 2, bounds.Bottom), new Vector2(x + 5, bounds.Y), Palette.TextDim, 1);
                backend.DrawLine(new Vector2(x + 5, bounds.Bottom), new Vector2(x + 8, bounds.Y), Palette.TextDim, 1);
            }
            else if (segment.IsKernel)
            {
                var wall = new RectF(x + 2, bounds.Y - 12, segment.Width - 2, bounds.Height + 12);
                backend.DrawRect(wall, Palette.Kernel, 2);
                backend.DrawText("kernel", new Vector2(wall.X + 6, wall.Y + 5), 12, Palette.Kernel);
            }
            else if (segment.Width >= 40)
            {
                var a = segment.Area;
                var label = PteText.Permissions((int)a.Permissions, a.Shared);
                backend.DrawText(label, new Vector2(x + 1, bounds.Y - 14), 11, Palette.TextDim);
                if (segment.Width >= 80)
                {
                    backend.DrawText(KindWord(a.Kind), new Vector2(x + 34, bounds.Y - 14), 11, ZoneColour(a.Kind));
                }
            }
        }

        foreach (var cell in street.Cells)
        {
            var zone = ZoneColour(street.Segments[cell.Segment].Area.Kind);
            var plot = new RectF(bounds.X + cell.X, bounds.Y, Math.Max(1, cell.Width - 1), bounds.Height);
            switch (cell.State)
            {
                case PageState.Built:
                    backend.FillRect(plot, zone);
                    break;
                case PageState.Shared:
                    backend.FillRect(plot, Palette.CowPrimary);
                    backend.FillRect(plot with { Y = plot.Y + (plot.Height / 2), Height = plot.Height / 2 }, Palette.CowSecondary);
                    break;
                case PageState.Swapped:
                    backend.FillRect(plot, Palette.Swap);
                    break;
                default:
                    // Planned: only the top and bottom edges, so neighbouring plots read as a dashed outline.
                    backend.FillRect(plot with { Height = 2 }, zone.WithAlpha(200));
                    backend.FillRect(plot with { Y = plot.Bottom - 2, Height = 2 }, zone.WithAlpha(200));
                    break;
            }
        }
    }

    /// <summary>The zoning colour of a VMA kind (the same roles the physical lots use).</summary>
    public static Colour ZoneColour(VmaKind kind) => kind switch
    {
        VmaKind.Text or VmaKind.ReadOnlyData or VmaKind.FileMapping => Palette.TextPages,
        VmaKind.Data or VmaKind.Bss => Palette.DataPages,
        VmaKind.Stack => Palette.Stack,
        _ => Palette.Heap,
    };

    private static string KindWord(VmaKind kind) => kind switch
    {
        VmaKind.Text => "text",
        VmaKind.ReadOnlyData => "rodata",
        VmaKind.Data => "data",
        VmaKind.Bss => "bss",
        VmaKind.Heap => "heap",
        VmaKind.Stack => "stack",
        VmaKind.FileMapping => "file",
        _ => "anon",
    };
}
