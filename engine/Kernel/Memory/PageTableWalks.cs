using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Memory;

namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// The kernel's bulk walks over a process's page tables, reading and writing raw entries in simulated
/// physical memory: find a leaf slot even when the entry is not present (swap entries live there), visit
/// every leaf slot in a range skipping absent subtrees, and free a whole tree. The kernel maps only
/// base pages, so a leaf is always at the last level.
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
    }

    /// <summary>Called for each last-level slot of a present table: its virtual address, entry address and raw entry.</summary>
    public delegate void LeafVisitor(ulong va, ulong entryAddress, ulong entry);

    /// <summary>The physical address of the last-level entry for <paramref name="va"/>, or <see cref="NoSlot"/>.</summary>
    public ulong LeafSlot(ulong root, ulong va)
    {
        var pte = _machine.Pte;
        var table = root;
        for (var level = 0; level < _last; level++)
        {
            var entry = _memory.Read(table + (_machine.IndexOf(va, level) * (ulong)_width), _width);
            if (!pte.IsPresent(entry))
            {
                return NoSlot;
            }

            table = pte.FrameOf(entry) << _machine.PageShift;
        }

        return table + (_machine.IndexOf(va, _last) * (ulong)_width);
    }

    /// <summary>
    /// How many page-table frames mapping <paramref name="va"/> would allocate now: one per level below the root
    /// whose table is missing on the way down (0 when the last-level table exists).
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

            table = pte.FrameOf(entry) << _machine.PageShift;
        }

        return 0;
    }

    /// <summary>Reads the raw last-level entry for <paramref name="va"/> (0 when its table is missing).</summary>
    public ulong ReadLeaf(ulong root, ulong va)
    {
        var slot = LeafSlot(root, va);
        return slot == NoSlot ? 0 : _memory.Read(slot, _width);
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
            Visit(root, 0, 0, start, end, visit);
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

    private void Visit(ulong table, int level, ulong prefix, ulong start, ulong end, LeafVisitor visit)
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
            if (level == _last)
            {
                if (entry != 0)
                {
                    visit(low, address, entry);
                }
            }
            else if (pte.IsPresent(entry))
            {
                Visit(pte.FrameOf(entry) << _machine.PageShift, level + 1, low, start, end, visit);
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
            if (pte.IsPresent(entry))
            {
                var child = pte.FrameOf(entry) << _machine.PageShift;
                CollectTables(child, level + 1, frames);
                frames.Add(child >> _machine.PageShift);
            }
        }
    }
}
