using System.Collections.ObjectModel;

namespace VmQuest.Engine.Machine.Description;

/// <summary>
/// The bit layout of one page-table entry format (x86, RISC-V, OSTEP, …). Immutable. Every bit is data: a mask
/// of zero means the format has no such bit, and the walker then applies the permissive default documented on
/// <see cref="PteBits"/>. Guarantees <see cref="Decode(ulong)"/>(<see cref="Encode"/>(f, flags, leaf)) returns frame
/// <c>f</c> and the flags the format can represent.
/// </summary>
public sealed class PteLayout
{
    /// <summary>The bit names a machine file may use, mapped to the flag they carry.</summary>
    public static readonly IReadOnlyDictionary<string, PteBits> BitNames = new ReadOnlyDictionary<string, PteBits>(
        new Dictionary<string, PteBits>(StringComparer.Ordinal)
        {
            ["present"] = PteBits.Present,
            ["writable"] = PteBits.Writable,
            ["user"] = PteBits.User,
            ["writeThrough"] = PteBits.WriteThrough,
            ["cacheDisable"] = PteBits.CacheDisable,
            ["accessed"] = PteBits.Accessed,
            ["dirty"] = PteBits.Dirty,
            ["huge"] = PteBits.Huge,
            ["global"] = PteBits.Global,
            ["noExecute"] = PteBits.NoExecute,
            ["swap"] = PteBits.Swap,
        });

    private readonly (PteBits Flag, string Name, int Bit)[] _bits;

    /// <summary>Creates a layout; <paramref name="bits"/> maps flags (and RISC-V's read/execute) to bit numbers.</summary>
    /// <param name="widthBytes">Entry width: 1, 2, 4 or 8 bytes.</param>
    /// <param name="leafRule">How a leaf above the last level is recognised.</param>
    /// <param name="frameShift">Lowest bit of the frame-number field.</param>
    /// <param name="frameBits">Width of the frame-number field.</param>
    /// <param name="bits">Named flag bits.</param>
    /// <param name="readBit">RISC-V R bit, or -1.</param>
    /// <param name="executeBit">RISC-V X bit, or -1.</param>
    public PteLayout(int widthBytes, LeafRule leafRule, int frameShift, int frameBits,
        IReadOnlyDictionary<PteBits, int> bits, int readBit = -1, int executeBit = -1)
    {
        ArgumentNullException.ThrowIfNull(bits);
        WidthBytes = widthBytes;
        Leaf = leafRule;
        FrameShift = frameShift;
        FrameBits = frameBits;
        FrameFieldMask = frameBits >= 64 ? ulong.MaxValue : (1UL << frameBits) - 1;
        var list = new List<(PteBits, string, int)>();
        foreach (var (name, flag) in BitNames)
        {
            if (bits.TryGetValue(flag, out int bit))
            {
                list.Add((flag, name, bit));
            }
        }

        if (readBit >= 0)
        {
            list.Add((PteBits.None, "read", readBit));
        }

        if (executeBit >= 0)
        {
            list.Add((PteBits.None, "execute", executeBit));
        }

        list.Sort((a, b) => a.Item3.CompareTo(b.Item3));
        _bits = [.. list];
        PresentMask = Mask(bits, PteBits.Present);
        WritableMask = Mask(bits, PteBits.Writable);
        UserMask = Mask(bits, PteBits.User);
        NoExecuteMask = Mask(bits, PteBits.NoExecute);
        AccessedMask = Mask(bits, PteBits.Accessed);
        DirtyMask = Mask(bits, PteBits.Dirty);
        HugeMask = Mask(bits, PteBits.Huge);
        GlobalMask = Mask(bits, PteBits.Global);
        ReadMask = readBit >= 0 ? 1UL << readBit : 0;
        ExecuteMask = executeBit >= 0 ? 1UL << executeBit : 0;
    }

    /// <summary>Entry width in bytes.</summary>
    public int WidthBytes { get; }

    /// <summary>How a leaf above the last level is recognised.</summary>
    public LeafRule Leaf { get; }

    /// <summary>Lowest bit of the frame-number field.</summary>
    public int FrameShift { get; }

    /// <summary>Width of the frame-number field in bits.</summary>
    public int FrameBits { get; }

    /// <summary>Mask of the frame field after shifting it down by <see cref="FrameShift"/>.</summary>
    public ulong FrameFieldMask { get; }

    /// <summary>Valid bit mask (never zero in a usable layout).</summary>
    public ulong PresentMask { get; }

    /// <summary>Writable bit mask, or 0 (always writable).</summary>
    public ulong WritableMask { get; }

    /// <summary>User bit mask, or 0 (always user-accessible).</summary>
    public ulong UserMask { get; }

    /// <summary>No-execute bit mask, or 0.</summary>
    public ulong NoExecuteMask { get; }

    /// <summary>Accessed bit mask, or 0 (not tracked).</summary>
    public ulong AccessedMask { get; }

    /// <summary>Dirty bit mask, or 0 (not tracked).</summary>
    public ulong DirtyMask { get; }

    /// <summary>Huge (PS) bit mask, or 0.</summary>
    public ulong HugeMask { get; }

    /// <summary>Global bit mask, or 0.</summary>
    public ulong GlobalMask { get; }

    /// <summary>RISC-V readable bit mask, or 0 (always readable).</summary>
    public ulong ReadMask { get; }

    /// <summary>RISC-V executable bit mask, or 0 (executable unless <see cref="NoExecuteMask"/> says otherwise).</summary>
    public ulong ExecuteMask { get; }

    /// <summary>Mask of all bits that grant or deny permissions: a leaf has one of these set under <see cref="LeafRule.PermissionBits"/>.</summary>
    public ulong PermissionMask => ReadMask | WritableMask | ExecuteMask;

    /// <summary>The named bits of this format, lowest bit first (for explanations and the city's tooltips).</summary>
    public IReadOnlyList<(PteBits Flag, string Name, int Bit)> NamedBits => _bits;

    /// <summary>The frame number an entry points at (a table's frame, or a page's frame).</summary>
    public ulong FrameOf(ulong entry) => (entry >> FrameShift) & FrameFieldMask;

    /// <summary>Whether the entry is valid.</summary>
    public bool IsPresent(ulong entry) => (entry & PresentMask) != 0;

    /// <summary>Whether a present entry at a level that allows huge pages maps a page rather than a table.</summary>
    public bool IsLeafAboveLastLevel(ulong entry) =>
        Leaf == LeafRule.HugeBit ? (entry & HugeMask) != 0 : (entry & PermissionMask) != 0;

    /// <summary>
    /// Builds a raw entry. <paramref name="leaf"/> says whether it maps a page (permissions are encoded) or a
    /// table (x86 gets P|RW|US so the leaf decides, like Linux's _PAGE_TABLE; RISC-V gets V only).
    /// </summary>
    public ulong Encode(ulong frame, PteBits flags, bool leaf)
    {
        ulong entry = (frame & FrameFieldMask) << FrameShift;
        if (!leaf)
        {
            if ((flags & PteBits.Present) == 0)
            {
                return 0;
            }

            return entry | PresentMask | (Leaf == LeafRule.HugeBit ? WritableMask | UserMask : 0);
        }

        foreach (var (flag, _, bit) in _bits)
        {
            if (flag != PteBits.None && (flags & flag) != 0)
            {
                entry |= 1UL << bit;
            }
        }

        if ((flags & PteBits.Present) != 0 && Leaf == LeafRule.PermissionBits)
        {
            entry |= ReadMask;
            entry |= (flags & PteBits.NoExecute) == 0 ? ExecuteMask : 0;
            entry &= ~HugeMask;
        }

        return entry;
    }

    /// <summary>
    /// Decodes an entry found at a known level: on x86 (<see cref="LeafRule.HugeBit"/>) bit 7 is PS only above the
    /// last level; in a last-level (4 KiB) PTE the same bit is PAT (Intel SDM vol. 3A, table 4-19), reported as
    /// <see cref="PteBits.Pat"/>.
    /// </summary>
    public PteBits Decode(ulong entry, bool lastLevel)
    {
        var flags = Decode(entry);
        return lastLevel && Leaf == LeafRule.HugeBit && (flags & PteBits.Huge) != 0
            ? (flags & ~PteBits.Huge) | PteBits.Pat
            : flags;
    }

    /// <summary>The names of the bits set in an entry at a known level ("huge" reads "pat" in an x86 4 KiB PTE).</summary>
    public IEnumerable<string> SetBitNames(ulong entry, bool lastLevel)
    {
        foreach (var (flag, name, bit) in _bits)
        {
            if (((entry >> bit) & 1) != 0)
            {
                yield return lastLevel && flag == PteBits.Huge && Leaf == LeafRule.HugeBit ? "pat" : name;
            }
        }
    }

    /// <summary>Decodes the flags of a raw entry; flags without a bit report their permissive default.</summary>
    public PteBits Decode(ulong entry)
    {
        var flags = PteBits.None;
        foreach (var (flag, _, bit) in _bits)
        {
            if (flag != PteBits.None && ((entry >> bit) & 1) != 0)
            {
                flags |= flag;
            }
        }

        if (WritableMask == 0)
        {
            flags |= PteBits.Writable;
        }

        if (UserMask == 0)
        {
            flags |= PteBits.User;
        }

        if (ExecuteMask != 0 && (entry & ExecuteMask) == 0)
        {
            flags |= PteBits.NoExecute;
        }

        return flags;
    }

    private static ulong Mask(IReadOnlyDictionary<PteBits, int> bits, PteBits flag) =>
        bits.TryGetValue(flag, out int bit) ? 1UL << bit : 0;
}
