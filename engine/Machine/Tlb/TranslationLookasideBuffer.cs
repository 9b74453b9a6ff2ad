using System.Runtime.CompilerServices;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Machine.Tlb;

/// <summary>
/// A set-associative TLB over plain arrays (no allocation after construction). Each entry caches one page of
/// any size the machine supports, tagged with a PCID; global entries match every PCID. The TLB is a cache: it
/// can hold a translation the page tables no longer allow until someone invalidates it, exactly like hardware,
/// which is why <see cref="PageTables.PageTableEditor"/> invalidates on every change it makes.
/// </summary>
public sealed class TranslationLookasideBuffer
{
    private const byte PermWrite = 1, PermUser = 2, PermNoExec = 4, PermGlobal = 8, PermDirty = 16, PermRead = 32;

    private readonly ulong[] _vpn;
    private readonly ulong[] _base;
    private readonly ulong[] _stamp;
    private readonly ushort[] _pcid;
    private readonly byte[] _shift;
    private readonly byte[] _perm;
    private readonly int[] _sizeShifts;
    private readonly int[] _sizeCounts;
    private readonly ulong _setMask;
    private readonly int _ways;
    private readonly TlbReplacement _replacement;
    private ulong _clock;
    private ulong _random;

    /// <summary>Creates an empty TLB of <paramref name="shape"/> able to cache every page size of <paramref name="machine"/>.</summary>
    public TranslationLookasideBuffer(TlbShape shape, MachineDescription machine)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(machine);
        Shape = shape;
        int n = shape.Entries;
        _vpn = new ulong[n];
        _base = new ulong[n];
        _stamp = new ulong[n];
        _pcid = new ushort[n];
        _shift = new byte[n];
        _perm = new byte[n];
        _ways = Math.Max(shape.Ways, 1);
        _setMask = (ulong)Math.Max(shape.Sets, 1) - 1;
        _replacement = shape.Replacement;
        _random = shape.Seed | 1;
        var sizes = new List<int> { machine.PageShift };
        for (int level = machine.Levels.Count - 2; level >= 0; level--)
        {
            if (machine.Levels[level].HugeAllowed || machine.Pte.Leaf == LeafRule.PermissionBits)
            {
                sizes.Add(machine.LevelShift(level));
            }
        }

        _sizeShifts = [.. sizes];
        _sizeCounts = new int[_sizeShifts.Length];
    }

    /// <summary>The organisation this TLB was built with.</summary>
    public TlbShape Shape { get; }

    /// <summary>Whether the TLB has any entries at all.</summary>
    public bool Enabled => _vpn.Length > 0;

    /// <summary>Number of valid entries.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Looks up <paramref name="va"/> for <paramref name="pcid"/> and checks the cached permissions. Returns true
    /// with the physical address, page size and cached effective permissions only when the cached entry allows the access and needs no A/D update; anything
    /// else (miss, permission failure, first write to a clean page) returns false and the caller must walk.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTranslate(ulong va, ushort pcid, AccessKind access, PrivilegeLevel mode, out ulong pa,
        out int pageShift, out PteBits effective)
    {
        int slot = Find(va, pcid);
        if (slot >= 0)
        {
            byte perm = _perm[slot];
            byte need = access switch
            {
                AccessKind.Write => PermWrite | PermDirty,
                AccessKind.Execute => 0,
                _ => PermRead,
            };
            bool allowed = (perm & need) == need
                && (mode == PrivilegeLevel.Supervisor || (perm & PermUser) != 0)
                && (access != AccessKind.Execute || (perm & PermNoExec) == 0);
            if (allowed)
            {
                if (_replacement == TlbReplacement.Lru)
                {
                    _stamp[slot] = ++_clock;
                }

                pageShift = _shift[slot];
                effective = Effective(perm);
                pa = _base[slot] | (va & ((1UL << pageShift) - 1));
                return true;
            }
        }

        pa = 0;
        pageShift = 0;
        effective = PteBits.None;
        return false;
    }

    /// <summary>Whether any entry (of any page size) caches <paramref name="va"/> for <paramref name="pcid"/>.</summary>
    public bool Contains(ulong va, ushort pcid) => Find(va, pcid) >= 0;

    /// <summary>Caches a successful translation for <paramref name="pcid"/>, replacing any entry for the same page.</summary>
    public void Fill(in Translation translation, ushort pcid)
    {
        if (!Enabled || !translation.IsOk)
        {
            return;
        }

        int shift = translation.PageShift;
        ulong vpn = translation.VirtualAddress >> shift;
        int set = (int)(vpn & _setMask) * _ways;
        int victim = -1;
        for (int way = 0; way < _ways; way++)
        {
            int slot = set + way;
            if (_shift[slot] == shift && _vpn[slot] == vpn && _pcid[slot] == pcid)
            {
                victim = slot;
                break;
            }
        }

        victim = victim >= 0 ? victim : ChooseVictim(set);
        if (_shift[victim] != 0)
        {
            Drop(victim);
        }

        var e = translation.Effective;
        _vpn[victim] = vpn;
        _shift[victim] = (byte)shift;
        _pcid[victim] = pcid;
        _base[victim] = translation.PageBase;
        _stamp[victim] = ++_clock;
        _perm[victim] = (byte)(((e & PteBits.Writable) != 0 ? PermWrite : 0) | ((e & PteBits.User) != 0 ? PermUser : 0)
            | ((e & PteBits.NoExecute) != 0 ? PermNoExec : 0) | ((e & PteBits.Global) != 0 ? PermGlobal : 0)
            | ((e & PteBits.Dirty) != 0 ? PermDirty : 0) | (translation.ReadableFlag ? PermRead : 0));
        _sizeCounts[Array.IndexOf(_sizeShifts, shift)]++;
        Count++;
    }

    /// <summary><c>invlpg</c> for every PCID: drops every entry (global or not) that covers <paramref name="va"/>.</summary>
    public void InvalidatePage(ulong va)
    {
        // An entry of page size 2^shift can only sit in the set its page number selects (see Fill), so only
        // those sets are searched — a reclaiming fault invalidates once per eviction.
        var shifts = _sizeShifts;
        for (int k = 0; k < shifts.Length; k++)
        {
            if (_sizeCounts[k] == 0)
            {
                continue;
            }

            int shift = shifts[k];
            ulong vpn = va >> shift;
            int set = (int)(vpn & _setMask) * _ways;
            for (int slot = set; slot < set + _ways; slot++)
            {
                if (_shift[slot] == shift && _vpn[slot] == vpn)
                {
                    Drop(slot);
                }
            }
        }
    }

    /// <summary>Drops the non-global entries of one PCID (INVPCID single-context).</summary>
    public void FlushPcid(ushort pcid)
    {
        for (int slot = 0; slot < _vpn.Length; slot++)
        {
            if (_shift[slot] != 0 && _pcid[slot] == pcid && (_perm[slot] & PermGlobal) == 0)
            {
                Drop(slot);
            }
        }
    }

    /// <summary>Drops every entry; with <paramref name="keepGlobal"/> global entries survive (a CR3 load).</summary>
    public void FlushAll(bool keepGlobal = false)
    {
        for (int slot = 0; slot < _vpn.Length; slot++)
        {
            if (_shift[slot] != 0 && (!keepGlobal || (_perm[slot] & PermGlobal) == 0))
            {
                Drop(slot);
            }
        }
    }

    /// <summary>Copies the valid entries out for display (TLB board) and checks; allocates.</summary>
    public IReadOnlyList<TlbEntryView> Snapshot()
    {
        var list = new List<TlbEntryView>();
        for (int slot = 0; slot < _vpn.Length; slot++)
        {
            if (_shift[slot] != 0)
            {
                byte p = _perm[slot];
                list.Add(new TlbEntryView(slot / _ways, slot % _ways, _vpn[slot] << _shift[slot], _base[slot],
                    _shift[slot], _pcid[slot], (p & PermWrite) != 0, (p & PermUser) != 0, (p & PermNoExec) != 0,
                    (p & PermGlobal) != 0, (p & PermDirty) != 0));
            }
        }

        return list;
    }

    private static PteBits Effective(byte perm) =>
        ((perm & PermWrite) != 0 ? PteBits.Writable : 0) | ((perm & PermUser) != 0 ? PteBits.User : 0)
        | ((perm & PermNoExec) != 0 ? PteBits.NoExecute : 0) | ((perm & PermGlobal) != 0 ? PteBits.Global : 0)
        | ((perm & PermDirty) != 0 ? PteBits.Dirty : 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(ulong va, ushort pcid)
    {
        var shifts = _sizeShifts;
        for (int k = 0; k < shifts.Length; k++)
        {
            if (_sizeCounts[k] == 0)
            {
                continue;
            }

            int shift = shifts[k];
            ulong vpn = va >> shift;
            int set = (int)(vpn & _setMask) * _ways;
            for (int slot = set; slot < set + _ways; slot++)
            {
                if (_vpn[slot] == vpn && _shift[slot] == shift
                    && (_pcid[slot] == pcid || (_perm[slot] & PermGlobal) != 0))
                {
                    return slot;
                }
            }
        }

        return -1;
    }

    private int ChooseVictim(int set)
    {
        for (int slot = set; slot < set + _ways; slot++)
        {
            if (_shift[slot] == 0)
            {
                return slot;
            }
        }

        if (_replacement == TlbReplacement.Random)
        {
            _random ^= _random << 13;
            _random ^= _random >> 7;
            _random ^= _random << 17;
            return set + (int)(_random % (ulong)_ways);
        }

        int victim = set;
        for (int slot = set + 1; slot < set + _ways; slot++)
        {
            if (_stamp[slot] < _stamp[victim])
            {
                victim = slot;
            }
        }

        return victim;
    }

    private void Drop(int slot)
    {
        _sizeCounts[Array.IndexOf(_sizeShifts, (int)_shift[slot])]--;
        _shift[slot] = 0;
        Count--;
    }
}
