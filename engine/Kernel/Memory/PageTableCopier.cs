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
/// leaf table's worth in one batch. A huge PMD leaf is copied as one entry (<c>copy_huge_pmd</c>): read-only in both,
/// each of its frames one more mapping, shared copy-on-write, and a PTE table deposited for the child's split. The parent's TLB must be flushed
/// afterwards, since its entries were made read-only behind the TLB's back.
/// <para>
/// Only the VMAs Linux's <c>vma_needs_copy</c> picks are copied: a file mapping with no anonymous page (no
/// <c>anon_vma</c>: nothing in it was ever copied on write) gets no tables and no entries in the child, which
/// faults its pages in again from the page cache, as a Linux child does.
/// </para>
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
    /// <param name="parentRoot">The parent's root table.</param>
    /// <param name="childRoot">The child's empty root table.</param>
    /// <param name="vmas">The parent's VMAs.</param>
    /// <param name="userEnd">The first address above user space.</param>
    /// <param name="frames">The frame bookkeeping.</param>
    /// <param name="swap">The swap device.</param>
    /// <param name="ptes">The PTE entities.</param>
    /// <param name="childPid">The child.</param>
    /// <param name="deposits">Gets (child PMD entry address, PTE table frame) for each huge PMD copied.</param>
    public void Copy(ulong parentRoot, ulong childRoot, VmaTree vmas, ulong userEnd, FrameTable frames, SwapArea swap, PteEntities ptes, int childPid,
        List<(ulong Slot, ulong Table)>? deposits = null)
    {
        ArgumentNullException.ThrowIfNull(vmas);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(swap);
        ArgumentNullException.ThrowIfNull(ptes);
        var cursor = 0;
        CopyTable(parentRoot, childRoot, 0, 0, new Counts(SharingOf(vmas, parentRoot, frames), userEnd, frames, swap, ptes, childPid, deposits), ref cursor);
    }

    private readonly record struct Counts(VmaSharing[] Vmas, ulong UserEnd, FrameTable Frames, SwapArea Swap, PteEntities Ptes, int ChildPid,
        List<(ulong Slot, ulong Table)>? Deposits);

    // Each VMA's range, VM_SHARED and whether fork copies it, read once from the entities before the walk: the
    // copy asks about every leaf, and one array read per leaf keeps a 1 GiB fork as cheap as reading the areas
    // themselves was.
    private readonly record struct VmaSharing(ulong Start, ulong End, bool Shared, bool Copy);

    private VmaSharing[] SharingOf(VmaTree vmas, ulong parentRoot, FrameTable frames)
    {
        var sharing = new VmaSharing[vmas.Count];
        for (var i = 0; i < sharing.Length; i++)
        {
            var area = vmas.AreaAt(i);
            sharing[i] = new VmaSharing(area.Start, area.End, area.Shared, NeedsCopy(area, parentRoot, frames));
        }

        return sharing;
    }

    // Linux's vma_needs_copy: a VMA is copied when it has an anon_vma, which a private mapping gets with its first
    // anonymous page (demand-zero, a copy-on-write copy; a swap entry was one). A file mapping without one is
    // skipped: every page it maps is in the page cache, where the child's fault finds it. An anonymous VMA is always
    // copied: with pages it has an anon_vma, without them there is nothing to copy — and VmQuest's shared anonymous
    // memory has no shmem file behind it, so the PTEs are what the child shares it through.
    private bool NeedsCopy(in VmArea area, ulong parentRoot, FrameTable frames) =>
        !area.IsFileBacked || (!area.Shared && HasAnonymousPage(parentRoot, 0, 0, area.Start, area.End, frames));

    // Whether a leaf under the table at physical address `table` (level `level`, mapping from `prefix`) within
    // [start, end) is a swap entry or maps an anonymous frame.
    private bool HasAnonymousPage(ulong table, int level, ulong prefix, ulong start, ulong end, FrameTable frames)
    {
        var shift = _machine.LevelShift(level);
        var entries = 1UL << _machine.Levels[level].IndexBits;
        var first = start > prefix ? (start - prefix) >> shift : 0;
        var last = Math.Min(entries, ((end - 1 - prefix) >> shift) + 1);
        for (var i = first; i < last; i++)
        {
            var entry = _memory.Read(table + (i * (ulong)_width), _width);
            if (entry == 0)
            {
                continue;
            }

            if (level < _last)
            {
                if (_pte.IsPresent(entry) && HasAnonymousPage(_pte.FrameOf(entry) << _machine.PageShift, level + 1, prefix | (i << shift), start, end, frames))
                {
                    return true;
                }

                continue;
            }

            if (!_pte.IsPresent(entry) || frames.UseOf(_pte.FrameOf(entry)) == FrameUse.Anonymous)
            {
                return true;
            }
        }

        return false;
    }

    // True when some VMA fork copies overlaps [start, end): a table over none of them is not copied at all.
    private static bool AnyCopied(VmaSharing[] areas, ulong start, ulong end)
    {
        foreach (var area in areas)
        {
            if (area.Copy && area.Start < end && area.End > start)
            {
                return true;
            }
        }

        return false;
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
                if (!_pte.IsPresent(entry) || !AnyCopied(counts.Vmas, va, va + (1UL << shift)))
                {
                    continue;
                }

                if (level == _last - 1 && _machine.HugeAllowed(level) && _pte.IsLeafAboveLastLevel(entry))
                {
                    CopyHugeLeaf(parent + (i * (ulong)_width), child + (i * (ulong)_width), va, entry, counts);
                    continue;
                }

                var table = _frames.Allocate();
                _memory.ClearFrame(table);
                counts.Frames.TakeForPageTable(table, counts.ChildPid);
                _memory.Write(child + (i * (ulong)_width), _width, _pte.Encode(table, PteBits.Present, leaf: false));
                CopyTable(_pte.FrameOf(entry) << _machine.PageShift, table << _machine.PageShift, level + 1, va, counts, ref cursor);
                continue;
            }

            if (!Copied(counts.Vmas, va, ref cursor, out var shared))
            {
                continue;
            }

            _memory.Write(child + (i * (ulong)_width), _width, CopyLeaf(ref entry, shared, counts));
            _memory.Write(parent + (i * (ulong)_width), _width, entry);
            counts.Ptes.Filled(counts.ChildPid, child + (i * (ulong)_width), va);
        }
    }

    // copy_huge_pmd: the parent's huge PMD leaf, made read-only (a private mapping is all THP is made for), goes to the
    // child as it is; each of its frames gains a mapping and is shared copy-on-write (the huge zero page counts
    // nothing); the child gets a PTE table deposited for its split, as Linux allocates one (pte_alloc_one).
    private void CopyHugeLeaf(ulong parentSlot, ulong childSlot, ulong va, ulong entry, in Counts counts)
    {
        var deposit = _frames.Allocate();
        _memory.ClearFrame(deposit);
        counts.Frames.TakeForPageTable(deposit, counts.ChildPid);
        counts.Deposits?.Add((childSlot, deposit));
        var first = _pte.FrameOf(entry);
        if (counts.Frames.UseOf(first) != FrameUse.ZeroPage)
        {
            entry &= ~_writableMask;
            var count = 1UL << _machine.Levels[_last].IndexBits;
            for (var f = first; f < first + count; f++)
            {
                counts.Frames.AddMapping(f, anonShared: true);
            }
        }

        _memory.Write(parentSlot, _width, entry);
        _memory.Write(childSlot, _width, entry);
        counts.Ptes.FilledHuge(counts.ChildPid, childSlot, va);
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

            if (!Copied(counts.Vmas, va, ref cursor, out var shared))
            {
                continue;
            }

            to[copied] = CopyLeaf(ref entry, shared, counts);
            from[copied] = entry;
        }

        counts.Ptes.Filled(counts.ChildPid, child, prefix);   // the child's table, filled at once
    }

    // Makes a private writable page copy-on-write in the parent (entry is updated in place) and returns the
    // child's entry; counts the new mapping or swap reference.
    private ulong CopyLeaf(ref ulong entry, bool shared, in Counts counts)
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
        var cow = ((entry & _writableMask) != 0 || counts.Frames.IsAnonShared(frame)) && !shared;
        if (cow)
        {
            entry &= ~_writableMask;
        }

        counts.Frames.AddMapping(frame, anonShared: cow);
        return entry;
    }

    // Whether the leaf at va is copied (its VMA needs copying; a leaf outside every VMA is copied as it always was),
    // and whether its VMA is shared. Leaves arrive in address order, so the lookup walks forward instead of
    // searching each time.
    private static bool Copied(VmaSharing[] areas, ulong va, ref int cursor, out bool shared)
    {
        while (cursor < areas.Length && areas[cursor].End <= va)
        {
            cursor++;
        }

        var inside = cursor < areas.Length && areas[cursor].Start <= va;
        shared = inside && areas[cursor].Shared;
        return !inside || areas[cursor].Copy;
    }
}
