using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Memory;

namespace VmQuest.Engine.Machine.PageTables;

/// <summary>
/// The kernel's page-table helpers (Linux's pgd/pud/pmd/pte_alloc and set_pte): create a root, map, unmap and
/// change flags, allocating table pages from the frame allocator. Every change to a leaf is followed by an
/// <c>invlpg</c> on the MMU, and every removed table by a full flush, so the TLB never serves a translation the
/// tables no longer allow. Tables are never freed implicitly (like Linux until free_pgtables).
/// </summary>
public sealed class PageTableEditor
{
    private readonly MachineDescription _machine;
    private readonly PhysicalMemory _memory;
    private readonly FrameAllocator _frames;
    private readonly Mmu? _mmu;

    /// <summary>Creates an editor; <paramref name="mmu"/> may be null when no TLB needs invalidating.</summary>
    public PageTableEditor(MachineDescription machine, PhysicalMemory memory, FrameAllocator frames, Mmu? mmu)
    {
        _machine = machine;
        _memory = memory;
        _frames = frames;
        _mmu = mmu;
    }

    /// <summary>
    /// Told (root, frame) each time a missing table below a root is allocated, so the kernel can record the frame
    /// as that address space's page table (roots the caller records itself: it asked for them).
    /// </summary>
    public Action<ulong, ulong>? TableAllocated { get; set; }

    /// <summary>Number of levels (shortcut for callers).</summary>
    public int LastLevel => _machine.Levels.Count - 1;

    /// <summary>Allocates and zeroes a root table (contiguous frames if it is larger than a page); returns its address.</summary>
    public ulong CreateRoot()
    {
        ulong bytes = _machine.TableBytes(0);
        ulong count = Math.Max(1, (bytes + _machine.PageSize - 1) >> _machine.PageShift);
        ulong first = count == 1 ? _frames.Allocate() : _frames.AllocateContiguous(count);
        for (ulong f = first; f < first + count; f++)
        {
            _memory.ClearFrame(f);
        }

        return first << _machine.PageShift;
    }

    /// <summary>
    /// Maps the page at <paramref name="va"/> to <paramref name="frame"/> with a leaf at <paramref name="leafLevel"/>
    /// (-1: the last level; higher levels make huge pages where the machine allows them). Missing tables are
    /// allocated. Throws <see cref="ArgumentException"/> for a misaligned or out-of-range request and
    /// <see cref="InvalidOperationException"/> when a huge page already covers a needed table. Returns the physical
    /// address of the leaf entry written.
    /// </summary>
    /// <remarks>
    /// <paramref name="replacesNotPresent"/> is the kernel's promise that the entry being written is not present
    /// now (a demand fault): a not-present entry is never cached, so the <c>invlpg</c> is skipped, as Linux does.
    /// </remarks>
    public ulong Map(ulong root, ulong va, ulong frame, PteBits flags, int leafLevel = -1, bool replacesNotPresent = false)
    {
        int leaf = leafLevel < 0 ? LastLevel : leafLevel;
        if (leaf > LastLevel || (leaf < LastLevel && !_machine.Levels[leaf].HugeAllowed))
        {
            throw new ArgumentException($"level {leaf} cannot hold a leaf on {_machine.Name}", nameof(leafLevel));
        }

        int shift = _machine.LevelShift(leaf);
        ulong pageFrames = 1UL << (shift - _machine.PageShift);
        if ((va & ((1UL << shift) - 1)) != 0 || (frame & (pageFrames - 1)) != 0)
        {
            throw new ArgumentException($"0x{va:x} / frame 0x{frame:x} not aligned to a {1UL << shift}-byte page", nameof(va));
        }

        if (!Walk.PageWalker.AddressInRange(_machine, va) || frame + pageFrames > _machine.FrameCount)
        {
            throw new ArgumentException($"0x{va:x} → frame 0x{frame:x} is outside the machine", nameof(va));
        }

        ulong entryAddress = EntryAddressFor(root, va, leaf, allocate: true);
        ulong existing = _memory.Read(entryAddress, _machine.Pte.WidthBytes);
        if (leaf < LastLevel && _machine.Pte.IsPresent(existing) && !_machine.Pte.IsLeafAboveLastLevel(existing))
        {
            throw new InvalidOperationException(
                $"0x{va:x}: a page table is already mapped at level {_machine.Levels[leaf].Name}; unmap its pages first");
        }

        PteBits leafFlags = flags | PteBits.Present | (leaf < LastLevel ? PteBits.Huge : PteBits.None);
        ulong entry = _machine.Pte.Encode(frame, leafFlags, leaf: true);
        if (replacesNotPresent && !_machine.Pte.IsPresent(_memory.Read(entryAddress, _machine.Pte.WidthBytes)))
        {
            _memory.Write(entryAddress, _machine.Pte.WidthBytes, entry);
            return entryAddress;
        }

        WriteLeaf(entryAddress, va, entry);
        return entryAddress;
    }

    /// <summary>Clears the leaf mapping <paramref name="va"/>; returns the old raw entry (0 if none).</summary>
    public ulong Unmap(ulong root, ulong va)
    {
        var found = FindLeaf(root, va);
        if (found is not { } leaf)
        {
            return 0;
        }

        WriteLeaf(leaf.EntryAddress, va, 0);
        return leaf.Entry;
    }

    /// <summary>Rewrites the flags of the leaf mapping <paramref name="va"/>, keeping its frame; false if unmapped.</summary>
    public bool SetFlags(ulong root, ulong va, PteBits flags)
    {
        if (FindLeaf(root, va) is not { } leaf)
        {
            return false;
        }

        PteBits keep = leaf.Level < LastLevel ? PteBits.Huge : PteBits.None;
        WriteLeaf(leaf.EntryAddress, va, _machine.Pte.Encode(leaf.Frame, flags | keep, leaf: true));
        return true;
    }

    /// <summary>Writes a raw leaf entry and invalidates <paramref name="va"/> in the TLB (the only sanctioned raw write).</summary>
    public void WriteLeaf(ulong entryAddress, ulong va, ulong entry)
    {
        _memory.Write(entryAddress, _machine.Pte.WidthBytes, entry);
        _mmu?.InvalidatePage(va);
    }

    /// <summary>Finds the present leaf entry for <paramref name="va"/> without touching A/D bits; null if none.</summary>
    public LeafMapping? FindLeaf(ulong root, ulong va)
    {
        if (!Walk.PageWalker.AddressInRange(_machine, va))
        {
            return null;
        }

        PteLayout pte = _machine.Pte;
        ulong table = root;
        for (int level = 0; level <= LastLevel; level++)
        {
            ulong address = table + _machine.IndexOf(va, level) * (ulong)pte.WidthBytes;
            ulong entry = _memory.Read(address, pte.WidthBytes);
            if (!pte.IsPresent(entry))
            {
                return null;
            }

            bool leaf = level == LastLevel || (_machine.Levels[level].HugeAllowed && pte.IsLeafAboveLastLevel(entry));
            if (leaf)
            {
                int shift = _machine.LevelShift(level);
                ulong start = va & ~((1UL << shift) - 1);
                return new LeafMapping(start, level, shift, address, entry, pte.FrameOf(entry), pte.Decode(entry, level == LastLevel));
            }

            table = pte.FrameOf(entry) << _machine.PageShift;
        }

        return null;
    }

    /// <summary>The frames of the tables a walk of <paramref name="va"/> reads (root first), as far as entries are present.</summary>
    public List<ulong> TableFrames(ulong root, ulong va)
    {
        PteLayout pte = _machine.Pte;
        var frames = new List<ulong>();
        ulong rootFrames = Math.Max(1, _machine.TableBytes(0) >> _machine.PageShift);
        for (ulong f = 0; f < rootFrames; f++)
        {
            frames.Add((root >> _machine.PageShift) + f);
        }

        ulong table = root;
        for (int level = 0; level < LastLevel && Walk.PageWalker.AddressInRange(_machine, va); level++)
        {
            ulong entry = _memory.Read(table + _machine.IndexOf(va, level) * (ulong)pte.WidthBytes, pte.WidthBytes);
            if (!pte.IsPresent(entry) || (_machine.Levels[level].HugeAllowed && pte.IsLeafAboveLastLevel(entry))
                || pte.FrameOf(entry) >= _machine.FrameCount)
            {
                break;
            }

            frames.Add(pte.FrameOf(entry));
            table = pte.FrameOf(entry) << _machine.PageShift;
        }

        return frames;
    }

    /// <summary>Every present leaf reachable from <paramref name="root"/>, in increasing virtual-address order.</summary>
    public List<LeafMapping> EnumerateLeaves(ulong root)
    {
        var result = new List<LeafMapping>();
        Collect(root, 0, 0, result);
        return result;
    }

    private void Collect(ulong table, int level, ulong vaPrefix, List<LeafMapping> into)
    {
        PteLayout pte = _machine.Pte;
        int shift = _machine.LevelShift(level);
        ulong entries = 1UL << _machine.Levels[level].IndexBits;
        for (ulong i = 0; i < entries; i++)
        {
            ulong address = table + i * (ulong)pte.WidthBytes;
            ulong entry = _memory.Read(address, pte.WidthBytes);
            if (!pte.IsPresent(entry))
            {
                continue;
            }

            ulong va = vaPrefix | (i << shift);
            bool leaf = level == LastLevel || (_machine.Levels[level].HugeAllowed && pte.IsLeafAboveLastLevel(entry));
            if (leaf)
            {
                into.Add(new LeafMapping(SignExtend(va), level, shift, address, entry, pte.FrameOf(entry), pte.Decode(entry, level == LastLevel)));
            }
            else if (pte.FrameOf(entry) < _machine.FrameCount)
            {
                Collect(pte.FrameOf(entry) << _machine.PageShift, level + 1, va, into);
            }
        }
    }

    private ulong SignExtend(ulong va)
    {
        int bits = _machine.VaBits;
        if (_machine.AddressCheck != AddressCheck.SignExtend || bits >= 64)
        {
            return va;
        }

        int unused = 64 - bits;
        return (ulong)((long)(va << unused) >> unused);
    }

    private ulong EntryAddressFor(ulong root, ulong va, int leafLevel, bool allocate)
    {
        PteLayout pte = _machine.Pte;
        ulong table = root;
        for (int level = 0; level < leafLevel; level++)
        {
            ulong address = table + _machine.IndexOf(va, level) * (ulong)pte.WidthBytes;
            ulong entry = _memory.Read(address, pte.WidthBytes);
            if (!pte.IsPresent(entry))
            {
                if (!allocate)
                {
                    return ulong.MaxValue;
                }

                ulong frame = _frames.Allocate();
                _memory.ClearFrame(frame);
                TableAllocated?.Invoke(root, frame);
                entry = pte.Encode(frame, PteBits.Present, leaf: false);
                _memory.Write(address, pte.WidthBytes, entry);
            }
            else if (_machine.Levels[level].HugeAllowed && pte.IsLeafAboveLastLevel(entry))
            {
                throw new InvalidOperationException(
                    $"0x{va:x}: a huge page at level {_machine.Levels[level].Name} already covers this address");
            }

            table = pte.FrameOf(entry) << _machine.PageShift;
        }

        return table + _machine.IndexOf(va, leafLevel) * (ulong)pte.WidthBytes;
    }
}
