using System.Runtime.InteropServices;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.City.Virtual;

/// <summary>The state of a run of virtual pages on a street.</summary>
public enum PageState : byte
{
    /// <summary>Inside a VMA but never touched (or dropped): a planned, dashed plot.</summary>
    Planned,

    /// <summary>Mapped to a frame: a built house.</summary>
    Built,

    /// <summary>Mapped copy-on-write (shared with a fork until someone writes).</summary>
    Shared,

    /// <summary>Its PTE holds a swap entry: the house is in the harbour.</summary>
    Swapped,
}

/// <summary>One VMA, address gap or the kernel quarter on a street, in pixels from the street's left end.</summary>
public readonly record struct StreetSegment(float X, float Width, bool IsGap, bool IsKernel, VmArea Area);

/// <summary>A run of pages of one VMA drawn as one plot: pages [FirstPage, FirstPage + Pages) from the VMA start.</summary>
public readonly record struct StreetCell(float X, float Width, int Segment, ulong FirstPage, ulong Pages, PageState State);

/// <summary>
/// One process's address space laid out as a street from low to high addresses: VMAs as zoned blocks whose
/// width grows with the log of their size, every unused gap compressed to a fixed break mark, the kernel half as
/// a walled quarter at the high end. Pages are sampled from the page tables (at most four walks per plot), so
/// rebuilding costs the same for a 4 KiB and a 4 GiB mapping. Buffers are reused between rebuilds.
/// </summary>
public sealed class AddressStreet
{
    /// <summary>Width of the break mark that stands for an unused gap.</summary>
    public const float GapWidth = 10;

    /// <summary>Width of the walled kernel quarter.</summary>
    public const float KernelWidth = 52;

    private const float MinAreaWidth = 12;
    private const float CellPitch = 5;

    private readonly List<StreetSegment> _segments = [];
    private readonly List<StreetCell> _cells = [];

    /// <summary>The process shown (0 when the street is empty).</summary>
    public int Pid { get; private set; }

    /// <summary>The segments, left to right (valid until the next <see cref="Build"/>).</summary>
    public ReadOnlySpan<StreetSegment> Segments => CollectionsMarshal.AsSpan(_segments);

    /// <summary>The page plots, left to right (valid until the next <see cref="Build"/>).</summary>
    public ReadOnlySpan<StreetCell> Cells => CollectionsMarshal.AsSpan(_cells);

    /// <summary>Lays out <paramref name="pid"/>'s address space over <paramref name="width"/> pixels.</summary>
    public void Build(KernelCore kernel, int pid, float width)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        _segments.Clear();
        _cells.Clear();
        Pid = pid;
        if (!kernel.Exists(pid) || kernel.MemoryOf(pid).Mm is not { } mm)
        {
            return;
        }

        var areas = mm.Vmas.Areas;
        var pageSize = mm.PageSize;
        var gaps = 0;
        var previousEnd = 0UL;
        double weights = 0;
        for (var i = 0; i < areas.Count; i++)
        {
            gaps += areas[i].Start > previousEnd ? 1 : 0;
            weights += Weight(areas[i], pageSize);
            previousEnd = areas[i].End;
        }

        gaps += previousEnd < kernel.TaskSize ? 1 : 0;
        var free = Math.Max(0, width - KernelWidth - (gaps * GapWidth) - (areas.Count * MinAreaWidth));
        var x = 0f;
        previousEnd = 0;
        for (var i = 0; i < areas.Count; i++)
        {
            var area = areas[i];
            if (area.Start > previousEnd)
            {
                _segments.Add(new StreetSegment(x, GapWidth, true, false, default));
                x += GapWidth;
            }

            var w = MinAreaWidth + (float)(free * Weight(area, pageSize) / Math.Max(weights, 1e-9));
            _segments.Add(new StreetSegment(x, w, false, false, area));
            AddCells(kernel, pid, area, _segments.Count - 1, x, w);
            x += w;
            previousEnd = area.End;
        }

        if (previousEnd < kernel.TaskSize)
        {
            _segments.Add(new StreetSegment(x, GapWidth, true, false, default));
            x += GapWidth;
        }

        _segments.Add(new StreetSegment(x, KernelWidth, false, true, default));
    }

    /// <summary>The segment and cell under <paramref name="x"/> (pixels from the street's left end), or (-1, -1).</summary>
    public (int Segment, int Cell) HitTest(float x)
    {
        for (var c = 0; c < _cells.Count; c++)
        {
            if (x >= _cells[c].X && x < _cells[c].X + _cells[c].Width)
            {
                return (_cells[c].Segment, c);
            }
        }

        for (var s = 0; s < _segments.Count; s++)
        {
            if (x >= _segments[s].X && x < _segments[s].X + _segments[s].Width)
            {
                return (s, -1);
            }
        }

        return (-1, -1);
    }

    private static double Weight(in VmArea area, ulong pageSize) => 1 + Math.Log2(1 + (area.Length / pageSize));

    private void AddCells(KernelCore kernel, int pid, VmArea area, int segment, float x, float width)
    {
        var pageSize = kernel.Machine.Description.PageSize;
        var pages = area.Length / pageSize;
        var count = (ulong)Math.Clamp((long)Math.Floor(width / CellPitch), 1, (long)Math.Max(1, pages));
        var pitch = width / count;
        var root = kernel.MemoryOf(pid).Root;
        var pte = kernel.Machine.Description.Pte;
        for (ulong c = 0; c < count; c++)
        {
            var first = c * pages / count;
            var last = Math.Max(first + 1, (c + 1) * pages / count);
            var state = PageState.Planned;
            var samples = Math.Min(4UL, last - first);
            for (ulong s = 0; s < samples; s++)
            {
                var page = first + (s * (last - first) / samples);
                var entry = kernel.Walks.ReadLeaf(root, area.Start + (page * pageSize));
                var sampled = Classify(kernel, pte, entry);
                state = sampled > state ? sampled : state;
            }

            _cells.Add(new StreetCell(x + (c * pitch), pitch, segment, first, last - first, state));
        }
    }

    // A page fork left shared copy-on-write is a read-only PTE whose anonymous frame is not exclusive (x86 has no COW
    // bit: Linux decides from the VMA, the PTE and PageAnonExclusive, which the frame's AnonShared flag mirrors).
    private static PageState Classify(KernelCore kernel, PteLayout pte, ulong entry)
    {
        if (entry == 0)
        {
            return PageState.Planned;
        }

        var bits = pte.Decode(entry);
        if (!pte.IsPresent(entry))
        {
            return (bits & PteBits.Swap) != 0 ? PageState.Swapped : PageState.Planned;
        }

        return (bits & PteBits.Writable) == 0 && kernel.Frames.IsAnonShared(pte.FrameOf(entry)) ? PageState.Shared : PageState.Built;
    }
}
