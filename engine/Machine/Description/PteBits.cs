namespace VmQuest.Engine.Machine.Description;

/// <summary>
/// Architecture-neutral meaning of a page-table entry. <see cref="PteLayout"/> turns these into the raw bits
/// of a concrete format and back; a flag the format has no bit for is dropped on encode and reported with its
/// permissive default on decode (a format without a writable bit is always writable, and so on).
/// </summary>
[Flags]
public enum PteBits
{
    /// <summary>No flag set: a not-present entry.</summary>
    None = 0,

    /// <summary>The entry is valid (x86 P, RISC-V V, OSTEP's valid bit).</summary>
    Present = 1 << 0,

    /// <summary>Writes are allowed (x86 R/W, RISC-V W).</summary>
    Writable = 1 << 1,

    /// <summary>User-mode accesses are allowed (x86 U/S, RISC-V U).</summary>
    User = 1 << 2,

    /// <summary>Instruction fetches are forbidden (x86 NX/XD; RISC-V: X clear).</summary>
    NoExecute = 1 << 3,

    /// <summary>Set by the walker when the entry is used (x86 A, RISC-V A).</summary>
    Accessed = 1 << 4,

    /// <summary>Set by the walker on the first write through the entry (x86 D, RISC-V D).</summary>
    Dirty = 1 << 5,

    /// <summary>The translation survives CR3 loads and matches every PCID (x86 G, RISC-V G).</summary>
    Global = 1 << 6,

    /// <summary>The entry maps a huge page at a non-leaf level (x86 PS). RISC-V implies it from R/W/X.</summary>
    Huge = 1 << 7,

    /// <summary>
    /// Not a bit of any format (Linux has no COW bit: a write fault on a read-only PTE of a private writable VMA is
    /// copy-on-write, decided by <c>do_wp_page</c>). Never decoded from an entry; kept for displays that mark
    /// shared pages.
    /// </summary>
    Cow = 1 << 8,

    /// <summary>Software bit: a not-present entry whose frame field holds a swap slot.</summary>
    Swap = 1 << 9,

    /// <summary>x86 PWT (write-through caching); carried, not simulated.</summary>
    WriteThrough = 1 << 10,

    /// <summary>x86 PCD (cache disable); carried, not simulated.</summary>
    CacheDisable = 1 << 11,

    /// <summary>
    /// x86 PAT (page attribute table index, high bit): bit 7 of a 4 KiB PTE, where bit 7 is PS in the levels above
    /// (see <see cref="PteLayout.Decode(ulong, bool)"/>); carried, not simulated.
    /// </summary>
    Pat = 1 << 12,
}
