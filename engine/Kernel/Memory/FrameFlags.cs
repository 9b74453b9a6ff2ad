namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// Linux's page flags (<c>PG_locked</c>, <c>PG_swapcache</c>, …): facts about a frame that change while the
/// kernel works, kept as bits of <see cref="FrameState.Flags"/>.
/// <para>
/// Why bits and not tag components: adding or removing a component moves the entity to another archetype — a
/// structural change, which the kernel may not make per memory access (and a fault pins and unpins a frame on
/// every one). A query that wants, say, the pinned frames reads the bit.
/// </para>
/// </summary>
[Flags]
public enum FrameFlags : byte
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>A fault is working on the frame (Linux holds the page lock): reclaim passes over it.</summary>
    Pinned = 1 << 0,

    /// <summary>An anonymous page also held by a swap slot (<see cref="FrameBacking.Page"/>) that PTEs still name.</summary>
    SwapCache = 1 << 1,

    /// <summary>
    /// An anonymous page fork shared copy-on-write: Linux's <c>PageAnonExclusive</c> is clear
    /// (<c>page_try_dup_anon_rmap</c> clears it in <c>copy_present_pte</c>). x86 has no COW bit in the PTE, so
    /// this is where the kernel remembers that an mprotect must not make the page writable
    /// (<c>can_change_pte_writable</c>): only the write fault may, through <c>do_wp_page</c>.
    /// </summary>
    AnonShared = 1 << 2,

    /// <summary>
    /// One of the 512 frames of a transparent huge page (Linux's large folio, <c>folio_test_pmd_mappable</c>): set when
    /// the huge page is made, kept when its PMD is split into 512 PTEs (the folio stays whole, as Linux's does until
    /// <c>deferred_split</c> or reclaim splits it), cleared when reclaim splits the folio or the frame is freed.
    /// </summary>
    HugeFolio = 1 << 3,
}
