using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Memory;

namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// The kernel's bulk walks over a process's page tables, reading and writing raw entries in simulated
/// physical memory: find a leaf slot even when the entry is not present (swap entries live there), visit
/// every leaf slot in a range skipping absent subtrees, and free a whole tree. A leaf is at the last level,
/// except a transparent huge page: a PMD entry with PS set (<see cref="IsHugeLeaf"/>), one level up, which the
/// last-level walks step over (never reading the huge page's data as a table) and <see cref="ForEachHugeLeaf"/> visits.
/// </summary>
public sealed class PageTableWalks
{
    /// <summary>Returned by <see cref="LeafSlot"/> when a table on the way is missing.</summary>
    public const ulong NoSlot = ulong.MaxValue;

    private readonly MachineDescription _machine;
    private readonly PhysicalMemory _memory;
    private readonly int _width;
    private readonly int _last;

    /// <summary>Creates the walks for one machine's memory.</summary>
    public PageTableWalks(MachineDescription machine, PhysicalMemory memory)
    {
        ArgumentNullException.ThrowIfNull(machine);
        _machine = machine;
        _memory = memory;
        _width = machine.Pte.WidthBytes;
        _last = machine.Levels.Count - 1;
        HugeLevel = _last >= 1 && machine.HugeAllowed(_last - 1) ? _last - 1 : -1;
    }

    /// <summary>The PMD level, where a PS entry maps a huge page (the level above the last), or −1 when the machine has none there.</summary>
    public int HugeLevel { get; }

    /// <summary>True when <paramref name="entry"/>, read at <paramref name="level"/>, maps a huge page rather than a table.</summary>
    public bool IsHugeLeaf(int level, ulong entry) =>
        level < _last && _machine.HugeAllowed(level) && _machine.Pte.IsPresent(entry) && _machine.Pte.IsLeafAboveLastLevel(entry);

    /// <summary>
    /// The physical address of the PMD entry (at <see cref="HugeLevel"/>) for <paramref name="va"/>, or <see cref="NoSlot"/>
    /// when a table above it is missing or the machine has no huge level.
    /// </summary>
    public ulong HugeSlot(ulong root, ulong va)
    {
        if (HugeLevel < 0)
        {
            return NoSlot;
        }

        var pte = _machine.Pte;
        var table = root;
        for (var level = 0; level < HugeLevel; level++)
        {
            var entry = _memory.Read(table + (_machine.IndexOf(va, level) * (ulong)_width), _width);
            if (!pte.IsPresent(entry) || IsHugeLeaf(level, entry))
            {
                return NoSlot;
            }

            table = pte.FrameOf(entry) << _machine.PageShift;
        }

        return table + (_machine.IndexOf(va, HugeLevel) * (ulong)_width);
    }

    /// <summary>Called for each huge PMD leaf: the first address it maps, the entry's address and the raw entry.</summary>
    public delegate void HugeLeafVisitor(ulong va, ulong entryAddress, ulong entry);

    /// <summary>
    /// Visits every huge PMD leaf that overlaps [<paramref name="start"/>, <paramref name="end"/>), in address order
    /// (its first address may lie below <paramref name="start"/>).
    /// </summary>
    public void ForEachHugeLeaf(ulong root, ulong start, ulong end, HugeLeafVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        if (start < end && HugeLevel >= 0)
        {
            Visit(root, 0, 0, start, end, HugeLevel, visit.Invoke);
        }
    }
    /// <summary>Called for each last-level slot of a present table: its virtual address, entry address and raw entry.</summary>
    public delegate void LeafVisitor(ulong va, ulong entryAddress, ulong entry);

    /// <summary>The physical address of the last-level entry for <paramref name="va"/>, or <see cref="NoSlot"/> (also when a huge page maps it).</summary>
    public ulong LeafSlot(ulong root, ulong va)
    {
        var pte = _machine.Pte;
        var table = root;
        for (var level = 0; level < _last; level++)
        {
            var entry = _memory.Read(table + (_machine.IndexOf(va, level) * (ulong)_width), _width);
            if (!pte.IsPresent(entry) || IsHugeLeaf(level, entry))
            {
                return NoSlot;
            }

            table = pte.FrameOf(entry) << _machine.PageShift;
        }

        return table + (_machine.IndexOf(va, _last) * (ulong)_width);
    }

    /// <summary>
    /// How many page-table frames mapping <paramref name="va"/> would allocate now: one per level below the root
    /// whose table is missing on the way down (0 when the last-level table exists, or a huge page maps it).
    /// </summary>
    public int MissingTables(ulong root, ulong va)
    {
        var pte = _machine.Pte;
        var table = root;
        for (var level = 0; level < _last; level++)
        {
            var entry = _memory.Read(table + (_machine.IndexOf(va, level) * (ulong)_width), _width);
            if (!pte.IsPresent(entry))
            {
                return _last - level;
            }

            if (IsHugeLeaf(level, entry))
            {
                return 0;
            }

            table = pte.FrameOf(entry) << _machine.PageShift;
        }

        return 0;
    }

    /// <summary>
    /// Reads the raw last-level entry for <paramref name="va"/> (0 when its table is missing). Inside a huge page it
    /// answers the 4 KiB entry that would map the same page after a split (<c>__split_huge_pmd_locked</c>): the PMD's
    /// flags, PS cleared, and the frame of that 4 KiB page of the huge one — so a reader of pages need not know.
    /// </summary>
    public ulong ReadLeaf(ulong root, ulong va)
    {
        var slot = LeafSlot(root, va);
        if (slot != NoSlot)
        {
            return _memory.Read(slot, _width);
        }

        var huge = HugeSlot(root, va);
        var entry = huge == NoSlot ? 0 : _memory.Read(huge, _width);
        return IsHugeLeaf(HugeLevel, entry) ? SplitEntry(entry, va) : 0;
    }

    /// <summary>The 4 KiB entry for <paramref name="va"/> that splitting the huge PMD leaf <paramref name="hugeEntry"/> gives.</summary>
    public ulong SplitEntry(ulong hugeEntry, ulong va)
    {
        var pte = _machine.Pte;
        var index = (va >> _machine.PageShift) & ((1UL << _machine.Levels[_last].IndexBits) - 1);
        var flags = pte.Decode(hugeEntry, lastLevel: false) & ~PteBits.Huge;
        return pte.Encode(pte.FrameOf(hugeEntry) + index, flags, leaf: true);
    }

    /// <summary>
    /// Visits every non-zero last-level entry whose page lies in [<paramref name="start"/>, <paramref name="end"/>),
    /// in address order, skipping subtrees whose table is absent.
    /// </summary>
    public void ForEachLeaf(ulong root, ulong start, ulong end, LeafVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        if (start < end)
        {
            Visit(root, 0, 0, start, end, _last, visit);
        }
    }

    /// <summary>Every page-table frame of the tree at <paramref name="root"/>, the root last.</summary>
    public List<ulong> TableFrames(ulong root)
    {
        var frames = new List<ulong>();
        CollectTables(root, 0, frames);
        frames.Add(root >> _machine.PageShift);
        return frames;
    }

    // Visits the entries at `target` level that overlap [start, end): the non-zero ones at the last level, the huge
    // leaves above it (ForEachHugeLeaf); it does not descend through a huge leaf.
    private void Visit(ulong table, int level, ulong prefix, ulong start, ulong end, int target, LeafVisitor visit)
    {
        var pte = _machine.Pte;
        var shift = _machine.LevelShift(level);
        var entries = 1UL << _machine.Levels[level].IndexBits;
        var span = 1UL << shift;
        for (ulong i = 0; i < entries; i++)
        {
            var low = prefix | (i << shift);
            if (low >= end || (low + span - 1) < start)
            {
                continue;
            }

            var address = table + (i * (ulong)_width);
            var entry = _memory.Read(address, _width);
            if (level == target)
            {
                if (level == _last ? entry != 0 : IsHugeLeaf(level, entry))
                {
                    visit(low, address, entry);
                }
            }
            else if (pte.IsPresent(entry) && !IsHugeLeaf(level, entry))
            {
                Visit(pte.FrameOf(entry) << _machine.PageShift, level + 1, low, start, end, target, visit);
            }
        }
    }

    private void CollectTables(ulong table, int level, List<ulong> frames)
    {
        if (level == _last)
        {
            return;
        }

        var pte = _machine.Pte;
        var entries = 1UL << _machine.Levels[level].IndexBits;
        for (ulong i = 0; i < entries; i++)
        {
            var entry = _memory.Read(table + (i * (ulong)_width), _width);
            if (pte.IsPresent(entry) && !IsHugeLeaf(level, entry))
            {
                var child = pte.FrameOf(entry) << _machine.PageShift;
                CollectTables(child, level + 1, frames);
                frames.Add(child >> _machine.PageShift);
            }
        }
    }
}
