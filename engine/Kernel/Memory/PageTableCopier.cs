using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Ptes;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Memory;

namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// fork's page-table copy (Linux's <c>copy_page_range</c>): duplicates a tree table by table, so a 1 GiB
/// address space is 512 table copies and one tight loop over its leaf entries rather than a walk per page.
/// Private writable pages become read-only in <b>both</b> trees, their frames marked
/// <see cref="FrameFlags.AnonShared"/> (x86 has no COW bit: the write fault decides from the VMA and the
/// read-only PTE, as <c>do_wp_page</c> does); shared pages stay as they
/// are; swap entries are copied and their slots gain a reference; each copied entry gets its PTE entity, a
/// leaf table's worth in one batch. The parent's TLB must be flushed
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
    }

    /// <summary>
    /// Copies the user half of the tree at <paramref name="parentRoot"/> into the empty tree at <paramref name="childRoot"/>,
    /// counting each present leaf's frame one more mapping in <paramref name="frames"/> and each swap entry one more
    /// reference in <paramref name="swap"/>, and giving each copied entry a PTE entity of <paramref name="childPid"/>
    /// in <paramref name="ptes"/>.
    /// </summary>
    public void Copy(ulong parentRoot, ulong childRoot, VmaTree vmas, ulong userEnd, FrameTable frames, SwapArea swap, PteEntities ptes, int childPid)
    {
        ArgumentNullException.ThrowIfNull(vmas);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(swap);
        ArgumentNullException.ThrowIfNull(ptes);
        var cursor = 0;
        CopyTable(parentRoot, childRoot, 0, 0, new Counts(SharingOf(vmas), userEnd, frames, swap, ptes, childPid), ref cursor);
    }

    private readonly record struct Counts(VmaSharing[] Vmas, ulong UserEnd, FrameTable Frames, SwapArea Swap, PteEntities Ptes, int ChildPid);

    // Each VMA's range and VM_SHARED, read once from the entities before the walk: the copy asks about every
    // leaf, and one array read per leaf keeps a 1 GiB fork as cheap as reading the areas themselves was.
    private readonly record struct VmaSharing(ulong Start, ulong End, bool Shared);

    private static VmaSharing[] SharingOf(VmaTree vmas)
    {
        var sharing = new VmaSharing[vmas.Count];
        for (var i = 0; i < sharing.Length; i++)
        {
            sharing[i] = new VmaSharing(vmas.StartAt(i), vmas.EndAt(i), vmas.FlagsAt(i).Shared);
        }

        return sharing;
    }

    // Like the leaf loop, fully optimised from its first call: a fork calls it only a few hundred times.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CopyTable(ulong parent, ulong child, int level, ulong prefix, in Counts counts, ref int cursor)
    {
        if (level == _last && _width == 8)
        {
            CopyLeafTable(parent, child, prefix, counts, ref cursor);
            return;
        }

        var shift = _machine.LevelShift(level);
        var entries = 1UL << _machine.Levels[level].IndexBits;
        for (ulong i = 0; i < entries; i++)
        {
            var va = prefix | (i << shift);
            if (va >= counts.UserEnd)
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
                counts.Frames.TakeForPageTable(table, counts.ChildPid);
                _memory.Write(child + (i * (ulong)_width), _width, _pte.Encode(table, PteBits.Present, leaf: false));
                CopyTable(_pte.FrameOf(entry) << _machine.PageShift, table << _machine.PageShift, level + 1, va, counts, ref cursor);
                continue;
            }

            _memory.Write(child + (i * (ulong)_width), _width, CopyLeaf(ref entry, va, counts, ref cursor));
            _memory.Write(parent + (i * (ulong)_width), _width, entry);
            counts.Ptes.Filled(counts.ChildPid, child + (i * (ulong)_width), va);
        }
    }

    // The common case (8-byte entries): a whole last-level table as two spans, one tight loop. Optimised from
    // the first call: a fork runs it once per table, too few calls for tiered compilation to reach it in time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CopyLeafTable(ulong parent, ulong child, ulong prefix, in Counts counts, ref int cursor)
    {
        var from = MemoryMarshal.Cast<byte, ulong>(_memory.FrameSpan(parent >> _machine.PageShift));
        var to = MemoryMarshal.Cast<byte, ulong>(_memory.FrameSpan(child >> _machine.PageShift));
        var shift = _machine.PageShift;
        var copied = 0;
        for (; copied < from.Length; copied++)
        {
            var entry = from[copied];
            if (entry == 0)
            {
                continue;
            }

            var va = prefix | ((ulong)copied << shift);
            if (va >= counts.UserEnd)
            {
                break;
            }

            to[copied] = CopyLeaf(ref entry, va, counts, ref cursor);
            from[copied] = entry;
        }

        counts.Ptes.TableCopied(counts.ChildPid, child, prefix, to[..copied]);
    }

    // Makes a private writable page copy-on-write in the parent (entry is updated in place) and returns the
    // child's entry; counts the new mapping or swap reference.
    private ulong CopyLeaf(ref ulong entry, ulong va, in Counts counts, ref int cursor)
    {
        if (!_pte.IsPresent(entry))
        {
            // Every non-zero entry that is not present is a swap entry (Linux's !pte_none && !pte_present); a
            // format without a swap bit (OSTEP's) holds just the slot.
            if (entry != 0)
            {
                counts.Swap.AddReference(_pte.FrameOf(entry));
            }

            return entry;
        }

        var frame = _pte.FrameOf(entry);
        bool cow = ((entry & _writableMask) != 0 || counts.Frames.IsAnonShared(frame)) && !IsShared(counts.Vmas, va, ref cursor);
        if (cow)
        {
            entry &= ~_writableMask;
        }

        counts.Frames.AddForkMapping(frame, cow);
        return entry;
    }

    // Leaves arrive in address order, so the VMA lookup walks forward instead of searching each time.
    private static bool IsShared(VmaSharing[] areas, ulong va, ref int cursor)
    {
        while (cursor < areas.Length && areas[cursor].End <= va)
        {
            cursor++;
        }

        return cursor < areas.Length && areas[cursor].Start <= va && areas[cursor].Shared;
    }
}
