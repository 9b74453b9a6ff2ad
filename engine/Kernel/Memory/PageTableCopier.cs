using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Memory;

namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// fork's page-table copy (Linux's <c>copy_page_range</c>): duplicates a tree table by table, so a 1 GiB
/// address space is 512 table copies and one tight loop over its leaf entries rather than a walk per page.
/// Private writable pages become read-only + copy-on-write in <b>both</b> trees; shared pages stay as they
/// are; swap entries are copied (the caller counts the extra references). The parent's TLB must be flushed
/// afterwards, since its entries were made read-only behind the TLB's back.
/// </summary>
public sealed class PageTableCopier
{
    private readonly MachineDescription _machine;
    private readonly PhysicalMemory _memory;
    private readonly FrameAllocator _frames;
    private readonly PteLayout _pte;
    private readonly int _width;
    private readonly int _last;
    private readonly ulong _writableMask;
    private readonly ulong _cowMask;

    /// <summary>Creates the copier for one machine.</summary>
    public PageTableCopier(MachineDescription machine, PhysicalMemory memory, FrameAllocator frames)
    {
        ArgumentNullException.ThrowIfNull(machine);
        _machine = machine;
        _memory = memory;
        _frames = frames;
        _pte = machine.Pte;
        _width = _pte.WidthBytes;
        _last = machine.Levels.Count - 1;
        _writableMask = _pte.WritableMask;
        _cowMask = _pte.Encode(0, PteBits.Cow, leaf: true);
    }

    /// <summary>Called for every leaf entry copied: its address, the child's entry, whether it is present.</summary>
    public delegate void LeafCopied(ulong va, ulong childEntry, bool present);

    /// <summary>Copies the user half of the tree at <paramref name="parentRoot"/> into the empty tree at <paramref name="childRoot"/>.</summary>
    public void Copy(ulong parentRoot, ulong childRoot, VmaTree vmas, ulong userEnd, LeafCopied copied)
    {
        ArgumentNullException.ThrowIfNull(vmas);
        ArgumentNullException.ThrowIfNull(copied);
        var cursor = 0;
        CopyTable(parentRoot, childRoot, 0, 0, vmas, userEnd, copied, ref cursor);
    }

    private void CopyTable(ulong parent, ulong child, int level, ulong prefix, VmaTree vmas, ulong userEnd, LeafCopied copied, ref int cursor)
    {
        var shift = _machine.LevelShift(level);
        var entries = 1UL << _machine.Levels[level].IndexBits;
        for (ulong i = 0; i < entries; i++)
        {
            var va = prefix | (i << shift);
            if (va >= userEnd)
            {
                return;
            }

            var entry = _memory.Read(parent + (i * (ulong)_width), _width);
            if (entry == 0)
            {
                continue;
            }

            if (level < _last)
            {
                if (!_pte.IsPresent(entry))
                {
                    continue;
                }

                var table = _frames.Allocate();
                _memory.ClearFrame(table);
                _memory.Write(child + (i * (ulong)_width), _width, _pte.Encode(table, PteBits.Present, leaf: false));
                CopyTable(_pte.FrameOf(entry) << _machine.PageShift, table << _machine.PageShift, level + 1, va, vmas, userEnd, copied, ref cursor);
                continue;
            }

            var present = _pte.IsPresent(entry);
            if (present && (entry & (_writableMask | _cowMask)) != 0 && !IsShared(vmas, va, ref cursor))
            {
                entry = (entry & ~_writableMask) | _cowMask;
                _memory.Write(parent + (i * (ulong)_width), _width, entry);
            }

            _memory.Write(child + (i * (ulong)_width), _width, entry);
            copied(va, entry, present);
        }
    }

    // Leaves arrive in address order, so the VMA lookup walks forward instead of searching each time.
    private static bool IsShared(VmaTree vmas, ulong va, ref int cursor)
    {
        var areas = vmas.Areas;
        while (cursor < areas.Count && areas[cursor].End <= va)
        {
            cursor++;
        }

        return cursor < areas.Count && areas[cursor].Start <= va && areas[cursor].Shared;
    }
}
