using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// Transparent huge pages in <c>madvise</c> mode (Linux's <c>mm/huge_memory.c</c>, <c>enabled=madvise</c>): a 2 MiB
/// page is one PMD leaf with PS set, mapping 512 contiguous, 2 MiB-aligned frames; the huge zero page; splitting a
/// PMD into a table of 512 PTEs (<c>__split_huge_pmd_locked</c>); the PTE table each huge PMD keeps deposited for
/// that split (<c>pgtable_trans_huge_deposit</c>), so a split never needs memory.
/// <para>
/// Map counts: each of a huge page's 512 frames counts one mapping per PMD leaf that maps it, exactly as it counts one
/// per PTE after a split — Linux's per-page mapcount of a PMD-mapped folio (its <c>_entire_mapcount</c>, which
/// <c>folio_mapcount</c> adds to each page) — so a split changes no count, and <see cref="KernelInvariants"/> checks
/// that every frame's count equals the leaves (PTEs or PMDs) that map it. The huge zero page, like the zero page,
/// is counted nowhere.
/// </para>
/// <para>
/// Allocation has no compaction and no reclaim: when 512 aligned frames are not free the fault falls back to a base
/// page (<c>thp_fault_fallback</c>), as Linux does when <c>vma_alloc_folio</c> fails; Linux with <c>defrag=madvise</c>
/// would first reclaim and compact for a madvised range. Reclaim splits a huge page before it swaps one of its
/// pages out (<c>shrink_folio_list</c> → <c>split_folio_to_list</c>): every PMD mapping it is split, the folio
/// becomes 512 base pages, and the victim goes alone.
/// </para>
/// </summary>
public sealed partial class KernelCore
{
    // Linux's pgtable_trans_huge_deposit: the PTE table each huge PMD keeps for its split, by the PMD entry's address.
    private readonly Dictionary<ulong, ulong> _depositedTables = [];
    private ulong _hugeZeroPage = NoZeroPage;

    /// <summary>Frames in a huge page: 512 on x86-64 (2 MiB), 0 on a machine whose PMD level maps no pages.</summary>
    public ulong HugePageFrames => Walks.HugeLevel < 0 ? 0 : 1UL << Machine.Description.Levels[^1].IndexBits;

    /// <summary>Bytes in a huge page (2 MiB on x86-64), 0 when the machine has none.</summary>
    public ulong HugePageSize => HugePageFrames << Machine.Description.PageShift;

    /// <summary>The huge zero page's first frame (Linux's <c>huge_zero_folio</c>), or null until a read fault needs it.</summary>
    public ulong? HugeZeroPageFrame => _hugeZeroPage == NoZeroPage ? null : _hugeZeroPage;

    /// <summary>True when <paramref name="frame"/> is one of the huge zero page's frames.</summary>
    public bool IsHugeZeroPage(ulong frame) => _hugeZeroPage != NoZeroPage && frame - _hugeZeroPage < HugePageFrames;

    /// <summary>The PTE tables kept deposited under huge PMDs now (page-table frames no walk reaches).</summary>
    public int DepositedTables => _depositedTables.Count;

    /// <summary>madvise for <paramref name="pid"/> (see <see cref="MemoryDescriptor.Madvise"/>).</summary>
    public SyscallResult Madvise(int pid, ulong address, ulong length, MadviseAdvice advice)
    {
        var result = MmOf(pid).Madvise(address, length, advice);
        if (advice != MadviseAdvice.DontNeed && result.Error != Errno.EINVAL && length != 0)
        {
            // vma_adjust_trans_huge: a VMA boundary that now cuts through a huge PMD splits it.
            var end = address + MmOf(pid).RoundUp(length);
            SplitHugePmdAt(pid, address);
            SplitHugePmdAt(pid, end);
        }

        return result;
    }

    /// <summary>
    /// Linux's <c>thp_vma_allowable_order</c> + <c>thp_vma_suitable_order</c> in madvise mode: a fault at
    /// <paramref name="va"/> may map a huge page when its VMA is private anonymous memory with VM_HUGEPAGE and the
    /// 2 MiB-aligned range around it lies wholly inside. Not on a machine without PMD pages or a writable bit, under a
    /// user-frame limit, nor when someone else decides the frames (<see cref="KernelOptions.Decisions"/>).
    /// </summary>
    internal bool ThpSuitable(in VmArea area, ulong va)
    {
        var size = HugePageSize;
        if (size == 0 || !area.HugePage || area.Shared || area.IsFileBacked || !CanWriteProtect
            || Options.DataFrameLimit is not null || !ReferenceEquals(Options.Decisions, AutomaticDecisions.Instance))
        {
            return false;
        }

        var start = va & ~(size - 1);
        return start >= area.Start && area.End - start >= size;
    }

    /// <summary>The flags of a huge PMD leaf for <paramref name="area"/>: a page's flags and PS.</summary>
    internal static PteBits HugeFlags(in VmArea area, bool writable) => LeafFlags(area, writable) | PteBits.Huge;

    /// <summary>
    /// A new huge page for <paramref name="pid"/> at <paramref name="start"/> (2 MiB-aligned): 512 aligned free frames,
    /// zeroed (<c>clear_huge_page</c>), taken as anonymous pages mapped once each, in the replacement policy's books,
    /// plus the PTE table to deposit and any table on the way. False, taking nothing, when they are not all free.
    /// </summary>
    internal bool TryAllocateHugePage(int pid, ulong start, out ulong first, out ulong deposit)
    {
        deposit = 0;
        var count = HugePageFrames;
        if (!Machine.Frames.TryAllocateAligned(count, out first))
        {
            return false;
        }

        // The deposit and the tables on the way come from what is left, without reclaim.
        if (Machine.Frames.FreeCount < 1 + (ulong)Walks.MissingTables(MemoryOf(pid).Root, start))
        {
            for (var f = first; f < first + count; f++)
            {
                Machine.Frames.Free(f);
            }

            return false;
        }

        deposit = NewDepositTable(pid);
        for (var i = 0UL; i < count; i++)
        {
            var frame = first + i;
            Machine.Memory.ClearFrame(frame);
            Frames.TakeForAnonymous(frame, pid, start + (i << Machine.Description.PageShift));
            Frames.SetHugeFolio(frame, true);
            Frames.AddMapping(frame);
            _policy.Loaded((int)frame);
        }

        return true;
    }

    /// <summary>
    /// Linux's <c>mm_get_huge_zero_folio</c>: the huge zero page's first frame, made now (512 aligned free frames, kept
    /// for good as reserved frames) if it is not yet, and a PTE table to deposit under its PMD. False when either cannot be had.
    /// </summary>
    internal bool TryGetHugeZeroPage(int pid, ulong start, out ulong first, out ulong deposit)
    {
        deposit = 0;
        first = _hugeZeroPage;
        if (_hugeZeroPage == NoZeroPage)
        {
            if (!Machine.Frames.TryAllocateAligned(HugePageFrames, out first))
            {
                return false;
            }

            for (var f = first; f < first + HugePageFrames; f++)
            {
                Machine.Memory.ClearFrame(f);
                Frames.TakeForZeroPage(f);
            }

            ReservedFrames += (long)HugePageFrames;
            _hugeZeroPage = first;
            Counters.ThpZeroPageAlloc++;
        }

        if (Machine.Frames.FreeCount < 1 + (ulong)Walks.MissingTables(MemoryOf(pid).Root, start))
        {
            return false;
        }

        deposit = NewDepositTable(pid);
        return true;
    }

    /// <summary>Maps the huge page at <paramref name="first"/> by a PMD leaf at <paramref name="start"/>, depositing <paramref name="deposit"/> under it.</summary>
    internal void MapHugePmd(int pid, ulong start, ulong first, PteBits flags, ulong deposit)
    {
        var slot = Machine.Tables.Map(MemoryOf(pid).Root, start, first, flags, Walks.HugeLevel, replacesNotPresent: true);
        Ptes.FilledHuge(pid, slot, start);
        _depositedTables[slot] = deposit;
    }

    private ulong NewDepositTable(int pid)
    {
        var table = Machine.Frames.Allocate();
        Machine.Memory.ClearFrame(table);
        Frames.TakeForPageTable(table, pid);
        return table;
    }

    /// <summary>How many huge PMD leaves <paramref name="pid"/>'s tables hold (fork needs a deposit table for each).</summary>
    internal ulong HugePmdCount(int pid)
    {
        var count = 0UL;
        if (HugePageSize != 0 && DepositedTables > 0)
        {
            Walks.ForEachHugeLeaf(MemoryOf(pid).Root, 0, TaskSize, (_, _, _) => count++);
        }

        return count;
    }

    /// <summary>True when a PTE table is deposited under the PMD entry at <paramref name="slot"/> (for the invariants).</summary>
    internal bool DepositsUnder(ulong slot) => _depositedTables.ContainsKey(slot);

    /// <summary>Records <paramref name="table"/> as deposited under the PMD entry at <paramref name="slot"/> (fork's <c>copy_huge_pmd</c>).</summary>
    internal void Deposit(ulong slot, ulong table) => _depositedTables[slot] = table;

    /// <summary>
    /// Linux's <c>__split_huge_pmd_locked</c>: the huge PMD leaf at <paramref name="slot"/> (for the 2 MiB at
    /// <paramref name="start"/> of <paramref name="pid"/>) becomes its deposited table of 512 PTEs mapping the same
    /// frames with the same permissions, accessed and dirty bits; a huge zero page's PTEs map the small zero page
    /// (<c>__split_huge_zero_page_pmd</c>) — or, if it cannot be had, are left empty (they read as zeros all the same).
    /// </summary>
    internal void SplitHugePmd(int pid, ulong slot, ulong start, ulong entry)
    {
        if (!_depositedTables.Remove(slot, out var table))
        {
            table = NewDepositTable(pid);
        }

        var tableAddress = table << Machine.Description.PageShift;
        var hugeZero = IsHugeZeroPage(_pte.FrameOf(entry));
        var smallZero = 0UL;
        var zeroEntries = hugeZero && TryGetZeroPage(out smallZero);
        var width = (ulong)_pte.WidthBytes;
        var pageSize = Machine.Description.PageSize;
        for (var i = 0UL; i < HugePageFrames; i++)
        {
            var va = start + (i * pageSize);
            var pteEntry = !hugeZero ? Walks.SplitEntry(entry, va)
                : zeroEntries ? _pte.Encode(smallZero, _pte.Decode(entry, lastLevel: false) & ~PteBits.Huge, leaf: true)
                : 0;
            Machine.Memory.Write(tableAddress + (i * width), _pte.WidthBytes, pteEntry);
            if (zeroEntries)
            {
                Frames.AddMapping(smallZero);
            }
        }

        Ptes.Filled(pid, tableAddress, start);
        WriteHugeEntry(pid, slot, start, _pte.Encode(table, PteBits.Present, leaf: false));
        Counters.ThpSplitPmd++;
    }

    /// <summary>Splits the huge PMD of <paramref name="pid"/> that maps <paramref name="va"/> but does not start there (a boundary cutting through it).</summary>
    internal void SplitHugePmdAt(int pid, ulong va)
    {
        var size = HugePageSize;
        if (size == 0 || (va & (size - 1)) == 0 || va >= TaskSize || MemoryOf(pid).Mm is null)
        {
            return;
        }

        var slot = Walks.HugeSlot(MemoryOf(pid).Root, va);
        if (slot == PageTableWalks.NoSlot)
        {
            return;
        }

        var entry = Machine.Memory.Read(slot, _pte.WidthBytes);
        if (Walks.IsHugeLeaf(Walks.HugeLevel, entry))
        {
            SplitHugePmd(pid, slot, va & ~(size - 1), entry);
        }
    }

    /// <summary>
    /// Linux's <c>zap_huge_pmd</c>: clears the huge PMD leaf at <paramref name="slot"/> of <paramref name="pid"/>; each of its
    /// frames loses a mapping (freed at zero; the huge zero page is never freed) and the deposited table is freed.
    /// </summary>
    private void ZapHugePmd(int pid, ulong slot, ulong start, ulong entry)
    {
        WriteHugeEntry(pid, slot, start, 0);
        var first = _pte.FrameOf(entry);
        if (!IsHugeZeroPage(first))
        {
            for (var f = first; f < first + HugePageFrames; f++)
            {
                DropMapping(f);
            }
        }

        if (_depositedTables.Remove(slot, out var table))
        {
            FreeTable(table);
        }
    }

    /// <summary>Frees a PTE table no tree reaches (a deposit).</summary>
    internal void FreeTable(ulong table)
    {
        Ptes.TableFreed(table);
        Frames.Release(table);
        Machine.Memory.ClearFrame(table);
        Machine.Frames.Free(table);
    }

    // zap_pmd_range's huge case: a huge PMD wholly inside [start, end) goes at once, one only partly inside is split
    // first (the caller's PTE walk then zaps its part).
    private void ZapHugePmds(int pid, ulong start, ulong end)
    {
        if (HugePageSize == 0)
        {
            return;
        }

        Walks.ForEachHugeLeaf(MemoryOf(pid).Root, start, end, (va, slot, entry) =>
        {
            if (va >= start && end - va >= HugePageSize)
            {
                ZapHugePmd(pid, slot, va, entry);
            }
            else
            {
                SplitHugePmd(pid, slot, va, entry);
            }
        });
    }

    // change_pmd_range's huge case (change_huge_pmd): a huge PMD wholly inside the range follows its VMA's new
    // permissions in place, staying read-only while shared copy-on-write (or the huge zero page); one only partly
    // inside is split first, and the caller's PTE walk changes its part.
    private void ReprotectHugePmds(int pid, ulong start, ulong end)
    {
        if (HugePageSize == 0)
        {
            return;
        }

        var mm = MmOf(pid);
        Walks.ForEachHugeLeaf(MemoryOf(pid).Root, start, end, (va, slot, entry) =>
        {
            if (va < start || end - va < HugePageSize)
            {
                SplitHugePmd(pid, slot, va, entry);
                return;
            }

            if (mm.Vmas.Find(va) is not { } area)
            {
                return;
            }

            var first = _pte.FrameOf(entry);
            var sharedPage = IsHugeZeroPage(first) || Frames.IsAnonShared(first) || Frames.MapCountOf(first) > 1;
            if (sharedPage && !IsHugeZeroPage(first) && (area.Permissions & VmaPermissions.Write) != 0)
            {
                for (var f = first; f < first + HugePageFrames; f++)
                {
                    Frames.SetAnonShared(f, true);
                }
            }

            WriteHugeEntry(pid, slot, va, _pte.Encode(first, HugeFlags(area, writable: !sharedPage) | Kept(entry), leaf: true));
        });
    }

    // Whether a huge PMD of [start, end) maps an anonymous huge page (not the huge zero page).
    private bool HasAnonymousHugePmd(int pid, ulong start, ulong end)
    {
        var found = false;
        if (HugePageSize != 0)
        {
            Walks.ForEachHugeLeaf(MemoryOf(pid).Root, start, end, (_, _, entry) => found = found || !IsHugeZeroPage(_pte.FrameOf(entry)));
        }

        return found;
    }

    /// <summary>Splits every huge PMD of <paramref name="pid"/> in [<paramref name="start"/>, <paramref name="end"/>) (suspend's swap-out of everything).</summary>
    internal void SplitHugePmds(int pid, ulong start, ulong end)
    {
        if (HugePageSize != 0)
        {
            Walks.ForEachHugeLeaf(MemoryOf(pid).Root, start, end, (va, slot, entry) => SplitHugePmd(pid, slot, va, entry));
        }
    }

    /// <summary>
    /// Reclaim's <c>split_folio_to_list</c>: the huge page holding <paramref name="frame"/> becomes 512 base pages —
    /// every PMD that maps it (found through the reverse map: the processes mapping its address) is split first.
    /// </summary>
    internal void SplitHugeFolio(ulong frame)
    {
        var count = HugePageFrames;
        var first = frame & ~(count - 1);
        var start = Frames.VirtualAddressOf(frame) & ~(HugePageSize - 1);
        foreach (var pid in _pids)
        {
            if (MemoryOf(pid).Mm is null)
            {
                continue;
            }

            var slot = Walks.HugeSlot(MemoryOf(pid).Root, start);
            var entry = slot == PageTableWalks.NoSlot ? 0 : Machine.Memory.Read(slot, _pte.WidthBytes);
            if (Walks.IsHugeLeaf(Walks.HugeLevel, entry) && _pte.FrameOf(entry) == first)
            {
                SplitHugePmd(pid, slot, start, entry);
            }
        }

        for (var f = first; f < first + count; f++)
        {
            Frames.SetHugeFolio(f, false);
        }

        Counters.ThpSplitPage++;
    }

    /// <summary>
    /// Bytes of <paramref name="pid"/>'s [<paramref name="start"/>, <paramref name="end"/>) mapped by huge PMDs of
    /// anonymous memory: <c>/proc/PID/smaps</c>' <c>AnonHugePages</c> (the huge zero page is not counted).
    /// </summary>
    public ulong AnonHugeBytes(int pid, ulong start, ulong end)
    {
        var bytes = 0UL;
        if (HugePageSize != 0 && MemoryOf(pid).Mm is not null)
        {
            Walks.ForEachHugeLeaf(MemoryOf(pid).Root, start, end, (_, _, entry) => bytes += IsHugeZeroPage(_pte.FrameOf(entry)) ? 0 : HugePageSize);
        }

        return bytes;
    }
}
