using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel.Mm;

/// <summary>
/// A process's VMAs, ordered by address: the mm's index over its VMA entities. Each VMA is an entity of
/// <see cref="World"/> with a <see cref="VmaRange"/>, <see cref="VmaFlags"/>, <see cref="VmaBacking"/> and
/// <see cref="VmaOwner"/>; the entity is the truth, and the tree keeps only each entity's start as its sort
/// key. Lookup by address is a binary search over those keys, O(log n) (Linux keeps a maple tree for the
/// same reason; a sorted array is the simplest structure with that bound and keeps iteration in address
/// order for <c>/proc/PID/maps</c> and the city's street).
/// <para>
/// The tree is the only writer of its entities' components, and the only one that creates and destroys
/// them: splits create, merges and unmaps destroy, mprotect and resizes rewrite components in place (not a
/// structural change, so a stack growing on a fault changes no archetype). Structural changes are direct
/// calls on the world, so the tree must not be changed while a query of that world iterates.
/// </para>
/// <para>
/// Invariants, checked by <see cref="CheckInvariants"/>: areas are sorted, pairwise disjoint, non-empty
/// and page-aligned, and no two neighbours could be merged (every operation merges, like Linux's); every
/// key equals its live entity's start and every entity names this tree's owner.
/// </para>
/// </summary>
public sealed partial class VmaTree
{
    private readonly List<IndexEntry> _index = [];
    private readonly VmaAreaList _areas;

    /// <summary>Creates an empty tree for pages of <paramref name="pageSize"/> bytes (a power of two), keeping its entities in a world of its own.</summary>
    public VmaTree(ulong pageSize)
        : this(pageSize, new World(), 0)
    {
    }

    /// <summary>
    /// Creates an empty tree for pages of <paramref name="pageSize"/> bytes (a power of two) whose VMA entities
    /// live in <paramref name="world"/> and belong to process <paramref name="ownerPid"/>.
    /// </summary>
    public VmaTree(ulong pageSize, World world, int ownerPid)
    {
        if (pageSize == 0 || (pageSize & (pageSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be a power of two.");
        }

        ArgumentNullException.ThrowIfNull(world);
        PageSize = pageSize;
        World = world;
        OwnerPid = ownerPid;
        _areas = new VmaAreaList(this);
    }

    /// <summary>The page size every boundary is aligned to.</summary>
    public ulong PageSize { get; }

    /// <summary>The world holding the VMA entities.</summary>
    public World World { get; }

    /// <summary>The pid every entity's <see cref="VmaOwner"/> names.</summary>
    public int OwnerPid { get; }

    /// <summary>The areas in address order, each read from its entity when asked for.</summary>
    public IReadOnlyList<VmArea> Areas => _areas;

    /// <summary>The number of areas.</summary>
    public int Count => _index.Count;

    /// <summary>The entity of the area at <paramref name="index"/> in address order.</summary>
    public Entity EntityAtIndex(int index) => _index[index].Entity;

    /// <summary>The entity of the area containing <paramref name="address"/>, or <see cref="Entity.Null"/>.</summary>
    public Entity EntityContaining(ulong address)
    {
        var index = IndexContaining(address);
        return index < 0 ? Entity.Null : _index[index].Entity;
    }

    /// <summary>The area at <paramref name="index"/> in address order, read from its entity.</summary>
    public VmArea AreaAt(int index) => Read(_index[index].Entity);

    /// <summary>The start of the area at <paramref name="index"/> (its sort key).</summary>
    public ulong StartAt(int index) => _index[index].Start;

    /// <summary>The end of the area at <paramref name="index"/>.</summary>
    public ulong EndAt(int index) => World.Get<VmaRange>(_index[index].Entity).End;

    /// <summary>The flags of the area at <paramref name="index"/> (one component read: cheaper than <see cref="AreaAt"/>).</summary>
    public VmaFlags FlagsAt(int index) => World.Get<VmaFlags>(_index[index].Entity);

    /// <summary>The area containing <paramref name="address"/>, if any.</summary>
    public VmArea? Find(ulong address)
    {
        // The fault handler's one lookup per fault: the entity is read once, for the bound check and the answer.
        var index = LastStartingAtOrBelow(address);
        if (index < 0)
        {
            return null;
        }

        var area = Read(_index[index].Entity);
        return area.End > address ? area : null;
    }

    /// <summary>The index of the area containing <paramref name="address"/>, or −1.</summary>
    public int IndexContaining(ulong address)
    {
        var index = LastStartingAtOrBelow(address);
        return index >= 0 && EndAt(index) > address ? index : -1;
    }

    /// <summary>
    /// Linux's <c>find_vma</c>: the first area that ends above <paramref name="address"/> (it may start above
    /// it, which is how a fault just below the stack finds the stack), or null.
    /// </summary>
    public VmArea? FindFirstEndingAbove(ulong address)
    {
        var index = LastStartingAtOrBelow(address);
        if (index >= 0 && EndAt(index) > address)
        {
            return AreaAt(index);
        }

        return index + 1 < _index.Count ? AreaAt(index + 1) : null;
    }

    /// <summary>True when no area overlaps [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public bool IsFree(ulong start, ulong end)
    {
        var index = LastStartingAtOrBelow(end - 1);
        return index < 0 || EndAt(index) <= start;
    }

    /// <summary>
    /// Adds <paramref name="area"/>, which must not overlap any existing area, and merges it with compatible
    /// neighbours. Returns the area that now contains it (itself, or the merged whole). As Linux's
    /// <c>vma_merge</c>, a neighbour it merges with grows over it (the lower one when both do) and keeps its
    /// entity; only an area that merges with neither gets a new entity.
    /// </summary>
    public VmArea Insert(VmArea area)
    {
        CheckRange(area.Start, area.End);
        if (!IsFree(area.Start, area.End))
        {
            throw new ArgumentException($"[{area.Start:x}, {area.End:x}) overlaps an existing area.", nameof(area));
        }

        var index = LastStartingAtOrBelow(area.Start) + 1;
        var mergesLeft = index > 0 && AreaAt(index - 1).CanMergeWith(area);
        var mergesRight = index < _index.Count && area.CanMergeWith(AreaAt(index));
        if (mergesLeft)
        {
            var end = mergesRight ? EndAt(index) : area.End;
            if (mergesRight)
            {
                DestroyAt(index);
            }

            World.Get<VmaRange>(_index[index - 1].Entity).End = end;
            return AreaAt(index - 1);
        }

        if (mergesRight)
        {
            var next = _index[index].Entity;
            World.Get<VmaRange>(next).Start = area.Start;
            World.Get<VmaBacking>(next).FileOffset = area.FileOffset;
            _index[index] = new IndexEntry(area.Start, next);
            return AreaAt(index);
        }

        _index.Insert(index, new IndexEntry(area.Start, CreateEntity(area)));
        return area;
    }

    /// <summary>
    /// Removes every byte of [<paramref name="start"/>, <paramref name="end"/>) from the tree, splitting areas
    /// that straddle either boundary (Linux's <c>munmap</c>) and destroying the removed pieces' entities.
    /// Returns the removed pieces in address order; holes in the range are allowed and simply skipped.
    /// </summary>
    public List<VmArea> Remove(ulong start, ulong end)
    {
        CheckRange(start, end);
        SplitAt(start);
        SplitAt(end);
        var removed = new List<VmArea>();
        var index = LastStartingAtOrBelow(start);
        if (index < 0 || EndAt(index) <= start)
        {
            index++;
        }

        while (index < _index.Count && _index[index].Start < end)
        {
            removed.Add(AreaAt(index));
            DestroyAt(index);
        }

        return removed;
    }

    /// <summary>Removes every area and destroys its entity, telling no one (exit and exec, after the tables are gone).</summary>
    public void Clear()
    {
        for (var i = _index.Count - 1; i >= 0; i--)
        {
            DestroyAt(i);
        }
    }

    /// <summary>
    /// Sets the permissions of [<paramref name="start"/>, <paramref name="end"/>), splitting at the boundaries
    /// and merging afterwards. Returns false, changing nothing, when part of the range is not mapped: this is
    /// the all-or-nothing primitive; <see cref="MemoryDescriptor.Mprotect"/> calls it for the mapped run before
    /// a hole, as Linux's <c>mprotect</c> changes the VMAs before the hole and then answers ENOMEM. VM_ACCOUNT
    /// follows Linux 6.18's <c>mprotect_fixup</c> (see <see cref="AccountedAfter"/>); <paramref name="hasAnonymousPages"/>
    /// answers, for a VMA's whole range before any split, whether it has an <c>anon_vma</c> (null: none has).
    /// </summary>
    public bool Protect(ulong start, ulong end, VmaPermissions permissions, Func<ulong, ulong, bool>? hasAnonymousPages = null)
    {
        CheckRange(start, end);
        if (!IsFullyMapped(start, end))
        {
            return false;
        }

        // A split VMA's pieces share its anon_vma, so ask about the two VMAs the boundaries split before splitting
        // them; only losing write can drop VM_ACCOUNT, so otherwise there is nothing to ask.
        hasAnonymousPages = (permissions & VmaPermissions.Write) == 0 ? hasAnonymousPages : null;
        var firstHasAnonymous = HasAnonVma(IndexContaining(start), hasAnonymousPages);
        var lastHasAnonymous = HasAnonVma(IndexContaining(end - 1), hasAnonymousPages);
        SplitAt(start);
        SplitAt(end);
        var first = IndexContaining(start);
        var last = first;
        for (; last < _index.Count && _index[last].Start < end; last++)
        {
            var entity = _index[last].Entity;
            var hasAnonymous = _index[last].Start == start ? firstHasAnonymous
                : EndAt(last) == end ? lastHasAnonymous
                : HasAnonVma(last, hasAnonymousPages);
            ref var flags = ref World.Get<VmaFlags>(entity);
            var anonymous = World.Get<VmaBacking>(entity).Path is null;
            flags.Accounted = AccountedAfter(flags, permissions, anonymous, hasAnonymous);
            flags.Permissions = permissions;
        }

        // Merge from the right so indexes to the left stay valid.
        for (var i = Math.Min(last, _index.Count - 1); i >= Math.Max(first - 1, 0); i--)
        {
            MergeAround(i);
        }

        return true;
    }

    /// <summary>
    /// VM_ACCOUNT after an mprotect to <paramref name="permissions"/>, as Linux 6.18's <c>mprotect_fixup</c>
    /// decides: a private mapping becoming writable is charged (sets it); one losing write keeps its charge —
    /// Linux cannot tell which pages were copied — except an anonymous VMA with no <c>anon_vma</c> yet (no
    /// anonymous page was ever faulted in), whose charge is dropped, so it merges with uncharged neighbours again.
    /// </summary>
    public static bool AccountedAfter(in VmaFlags flags, VmaPermissions permissions, bool anonymous, bool hasAnonVma)
    {
        if ((permissions & VmaPermissions.Write) != 0)
        {
            return flags.Accounted || VmArea.IsChargeable(permissions, flags.Shared);
        }

        return flags.Accounted && !(anonymous && !hasAnonVma);
    }

    /// <summary>
    /// The end of the run of areas that covers [<paramref name="start"/>, …) without a hole, at most
    /// <paramref name="end"/>; <paramref name="start"/> itself when it is not mapped.
    /// </summary>
    public ulong MappedRunEnd(ulong start, ulong end)
    {
        var at = start;
        var index = IndexContaining(at);
        while (index >= 0 && index < _index.Count && _index[index].Start <= at && at < end)
        {
            at = EndAt(index);
            index++;
        }

        return Math.Min(at, end);
    }

    private bool HasAnonVma(int index, Func<ulong, ulong, bool>? hasAnonymousPages) =>
        hasAnonymousPages is not null && index >= 0 && hasAnonymousPages(_index[index].Start, EndAt(index));

    /// <summary>
    /// Moves the boundaries of the area at <paramref name="index"/> to [<paramref name="start"/>,
    /// <paramref name="end"/>) (brk growing or shrinking the heap, the stack growing down). The new range must
    /// not overlap another area. Returns the resized area.
    /// </summary>
    public VmArea Resize(int index, ulong start, ulong end)
    {
        CheckRange(start, end);
        var entity = _index[index].Entity;
        var overlapsLeft = index > 0 && EndAt(index - 1) > start;
        var overlapsRight = index + 1 < _index.Count && _index[index + 1].Start < end;
        if (overlapsLeft || overlapsRight)
        {
            throw new ArgumentException($"Resizing to [{start:x}, {end:x}) would overlap a neighbour.", nameof(start));
        }

        ref var range = ref World.Get<VmaRange>(entity);
        ref var backing = ref World.Get<VmaBacking>(entity);
        backing.FileOffset = backing.Path is not null ? backing.FileOffset - (range.Start - start) : 0;
        (range.Start, range.End) = (start, end);
        _index[index] = new IndexEntry(start, entity);
        return AreaAt(MergeAround(index));
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
        for (var i = _index.Count - 1; i >= -1; i--)
        {
            var floor = i >= 0 ? Math.Max(EndAt(i), low) : low;
            if (i >= 0 && _index[i].Start >= ceiling)
            {
                continue;
            }

            if (ceiling >= floor && ceiling - floor >= length)
            {
                return (ceiling - length) & ~(PageSize - 1);
            }

            if (i >= 0)
            {
                ceiling = Math.Min(ceiling, _index[i].Start);
            }
        }

        return null;
    }

    /// <summary>True when every byte of [<paramref name="start"/>, <paramref name="end"/>) lies in some area.</summary>
    public bool IsFullyMapped(ulong start, ulong end)
    {
        var at = start;
        var index = IndexContaining(at);
        while (index >= 0 && index < _index.Count && _index[index].Start <= at)
        {
            at = EndAt(index);
            if (at >= end)
            {
                return true;
            }

            index++;
        }

        return false;
    }

    // Splits the area containing `address` in two at that address, if it straddles it: the entity keeps the
    // lower part and a new entity takes the upper (Linux's __split_vma).
    private void SplitAt(ulong address)
    {
        var index = IndexContaining(address);
        if (index < 0 || _index[index].Start == address)
        {
            return;
        }

        var entity = _index[index].Entity;
        var area = Read(entity);
        Write(entity, area.Slice(area.Start, address));
        _index.Insert(index + 1, new IndexEntry(address, CreateEntity(area.Slice(address, area.End))));
    }

    // Merges the area at `index` with compatible neighbours, the lower one growing over the upper one, whose
    // entity is destroyed; returns the merged area's index.
    private int MergeAround(int index)
    {
        if (index + 1 < _index.Count && AreaAt(index).CanMergeWith(AreaAt(index + 1)))
        {
            var end = EndAt(index + 1);
            DestroyAt(index + 1);
            World.Get<VmaRange>(_index[index].Entity).End = end;
        }

        if (index > 0 && AreaAt(index - 1).CanMergeWith(AreaAt(index)))
        {
            var end = EndAt(index);
            DestroyAt(index);
            World.Get<VmaRange>(_index[index - 1].Entity).End = end;
            index--;
        }

        return index;
    }

    private int LastStartingAtOrBelow(ulong address)
    {
        int low = 0, high = _index.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            if (_index[middle].Start <= address)
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
