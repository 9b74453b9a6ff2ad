namespace VmQuest.Engine.Kernel.Mm;

/// <summary>
/// A process's VMAs, ordered by address. Lookup by address is a binary search, O(log n) (Linux keeps a
/// maple tree for the same reason; a sorted array is the simplest structure with that bound and keeps
/// iteration in address order for <c>/proc/PID/maps</c> and the city's street).
/// <para>
/// Invariants, checked by <see cref="CheckInvariants"/>: areas are sorted, pairwise disjoint, non-empty
/// and page-aligned, and no two neighbours could be merged (every operation merges, like Linux's).
/// </para>
/// </summary>
public sealed class VmaTree
{
    private readonly List<VmArea> _areas = [];

    /// <summary>Creates an empty tree for pages of <paramref name="pageSize"/> bytes (a power of two).</summary>
    public VmaTree(ulong pageSize)
    {
        if (pageSize == 0 || (pageSize & (pageSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be a power of two.");
        }

        PageSize = pageSize;
    }

    /// <summary>The page size every boundary is aligned to.</summary>
    public ulong PageSize { get; }

    /// <summary>The areas in address order.</summary>
    public IReadOnlyList<VmArea> Areas => _areas;

    /// <summary>The number of areas.</summary>
    public int Count => _areas.Count;

    /// <summary>The area containing <paramref name="address"/>, if any.</summary>
    public VmArea? Find(ulong address)
    {
        var index = IndexContaining(address);
        return index < 0 ? null : _areas[index];
    }

    /// <summary>The index of the area containing <paramref name="address"/>, or −1.</summary>
    public int IndexContaining(ulong address)
    {
        var index = LastStartingAtOrBelow(address);
        return index >= 0 && _areas[index].End > address ? index : -1;
    }

    /// <summary>
    /// Linux's <c>find_vma</c>: the first area that ends above <paramref name="address"/> (it may start above
    /// it, which is how a fault just below the stack finds the stack), or null.
    /// </summary>
    public VmArea? FindFirstEndingAbove(ulong address)
    {
        var index = LastStartingAtOrBelow(address);
        if (index >= 0 && _areas[index].End > address)
        {
            return _areas[index];
        }

        return index + 1 < _areas.Count ? _areas[index + 1] : null;
    }

    /// <summary>True when no area overlaps [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public bool IsFree(ulong start, ulong end)
    {
        var index = LastStartingAtOrBelow(end - 1);
        return index < 0 || _areas[index].End <= start;
    }

    /// <summary>
    /// Adds <paramref name="area"/>, which must not overlap any existing area, and merges it with compatible
    /// neighbours. Returns the area that now contains it (itself, or the merged whole).
    /// </summary>
    public VmArea Insert(VmArea area)
    {
        CheckRange(area.Start, area.End);
        if (!IsFree(area.Start, area.End))
        {
            throw new ArgumentException($"[{area.Start:x}, {area.End:x}) overlaps an existing area.", nameof(area));
        }

        var index = LastStartingAtOrBelow(area.Start) + 1;
        _areas.Insert(index, area);
        return _areas[MergeAround(index)];
    }

    /// <summary>
    /// Removes every byte of [<paramref name="start"/>, <paramref name="end"/>) from the tree, splitting areas
    /// that straddle either boundary (Linux's <c>munmap</c>). Returns the removed pieces in address order;
    /// holes in the range are allowed and simply skipped.
    /// </summary>
    public List<VmArea> Remove(ulong start, ulong end)
    {
        CheckRange(start, end);
        SplitAt(start);
        SplitAt(end);
        var removed = new List<VmArea>();
        var index = LastStartingAtOrBelow(start);
        if (index < 0 || _areas[index].End <= start)
        {
            index++;
        }

        while (index < _areas.Count && _areas[index].Start < end)
        {
            removed.Add(_areas[index]);
            _areas.RemoveAt(index);
        }

        return removed;
    }

    /// <summary>
    /// Sets the permissions of [<paramref name="start"/>, <paramref name="end"/>) (Linux's <c>mprotect</c>),
    /// splitting at the boundaries and merging afterwards. Returns false, changing nothing, when part of the
    /// range is not mapped (Linux answers ENOMEM).
    /// </summary>
    public bool Protect(ulong start, ulong end, VmaPermissions permissions)
    {
        CheckRange(start, end);
        if (!IsFullyMapped(start, end))
        {
            return false;
        }

        SplitAt(start);
        SplitAt(end);
        var first = IndexContaining(start);
        var last = first;
        for (; last < _areas.Count && _areas[last].Start < end; last++)
        {
            _areas[last] = _areas[last].WithPermissions(permissions);
        }

        // Merge from the right so indexes to the left stay valid.
        for (var i = Math.Min(last, _areas.Count - 1); i >= Math.Max(first - 1, 0); i--)
        {
            MergeAround(i);
        }

        return true;
    }

    /// <summary>
    /// Moves the boundaries of the area at <paramref name="index"/> to [<paramref name="start"/>,
    /// <paramref name="end"/>) (brk growing or shrinking the heap, the stack growing down). The new range must
    /// not overlap another area. Returns the resized area.
    /// </summary>
    public VmArea Resize(int index, ulong start, ulong end)
    {
        CheckRange(start, end);
        var area = _areas[index];
        var overlapsLeft = index > 0 && _areas[index - 1].End > start;
        var overlapsRight = index + 1 < _areas.Count && _areas[index + 1].Start < end;
        if (overlapsLeft || overlapsRight)
        {
            throw new ArgumentException($"Resizing to [{start:x}, {end:x}) would overlap a neighbour.", nameof(start));
        }

        var fileOffset = area.IsFileBacked ? area.FileOffset - (area.Start - start) : 0;
        _areas[index] = area with { Start = start, End = end, FileOffset = fileOffset };
        return _areas[MergeAround(index)];
    }

    /// <summary>
    /// The highest page-aligned address <c>a</c> with [a, a + <paramref name="length"/>) free and inside
    /// [<paramref name="low"/>, <paramref name="high"/>): Linux's default top-down mmap placement. Null when none fits.
    /// </summary>
    public ulong? FindGapTopDown(ulong length, ulong low, ulong high)
    {
        if (length == 0 || high < low || high - low < length)
        {
            return null;
        }

        var ceiling = high;
        for (var i = _areas.Count - 1; i >= -1; i--)
        {
            var floor = i >= 0 ? Math.Max(_areas[i].End, low) : low;
            if (i >= 0 && _areas[i].Start >= ceiling)
            {
                continue;
            }

            if (ceiling >= floor && ceiling - floor >= length)
            {
                return (ceiling - length) & ~(PageSize - 1);
            }

            if (i >= 0)
            {
                ceiling = Math.Min(ceiling, _areas[i].Start);
            }
        }

        return null;
    }

    /// <summary>True when every byte of [<paramref name="start"/>, <paramref name="end"/>) lies in some area.</summary>
    public bool IsFullyMapped(ulong start, ulong end)
    {
        var at = start;
        var index = IndexContaining(at);
        while (index >= 0 && index < _areas.Count && _areas[index].Start <= at)
        {
            at = _areas[index].End;
            if (at >= end)
            {
                return true;
            }

            index++;
        }

        return false;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first broken invariant.</summary>
    public void CheckInvariants()
    {
        for (var i = 0; i < _areas.Count; i++)
        {
            var area = _areas[i];
            if (area.Start >= area.End || area.Start % PageSize != 0 || area.End % PageSize != 0)
            {
                throw new InvalidOperationException($"Area {i} [{area.Start:x}, {area.End:x}) is empty or not page-aligned.");
            }

            if (i > 0 && _areas[i - 1].End > area.Start)
            {
                throw new InvalidOperationException($"Areas {i - 1} and {i} overlap or are out of order.");
            }

            if (i > 0 && _areas[i - 1].CanMergeWith(area))
            {
                throw new InvalidOperationException($"Areas {i - 1} and {i} should have been merged.");
            }
        }
    }

    // Splits the area containing `address` in two at that address, if it straddles it.
    private void SplitAt(ulong address)
    {
        var index = IndexContaining(address);
        if (index < 0 || _areas[index].Start == address)
        {
            return;
        }

        var area = _areas[index];
        _areas[index] = area.Slice(area.Start, address);
        _areas.Insert(index + 1, area.Slice(address, area.End));
    }

    // Merges the area at `index` with compatible neighbours; returns the merged area's index.
    private int MergeAround(int index)
    {
        if (index + 1 < _areas.Count && _areas[index].CanMergeWith(_areas[index + 1]))
        {
            _areas[index] = _areas[index] with { End = _areas[index + 1].End };
            _areas.RemoveAt(index + 1);
        }

        if (index > 0 && _areas[index - 1].CanMergeWith(_areas[index]))
        {
            _areas[index - 1] = _areas[index - 1] with { End = _areas[index].End };
            _areas.RemoveAt(index);
            index--;
        }

        return index;
    }

    private int LastStartingAtOrBelow(ulong address)
    {
        int low = 0, high = _areas.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            if (_areas[middle].Start <= address)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    private void CheckRange(ulong start, ulong end)
    {
        if (start >= end || start % PageSize != 0 || end % PageSize != 0)
        {
            throw new ArgumentException($"[{start:x}, {end:x}) is not a non-empty page-aligned range.", nameof(start));
        }
    }
}
