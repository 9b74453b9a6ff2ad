namespace VmQuest.Engine.Kernel.Mm;

/// <summary>
/// One virtual memory area (Linux's <c>vm_area_struct</c>): the page-aligned range
/// [<see cref="Start"/>, <see cref="End"/>) with one set of permissions and one backing.
/// <para>
/// Invariants: <c>Start &lt; End</c>, both page-aligned; <see cref="FileOffset"/> is the file offset of
/// <see cref="Start"/> and is page-aligned; <see cref="Path"/> is null exactly for anonymous areas.
/// </para>
/// </summary>
/// <param name="Start">First address (inclusive).</param>
/// <param name="End">One past the last address.</param>
/// <param name="Permissions">What accesses the area allows.</param>
/// <param name="Shared">MAP_SHARED: writes reach the file / other sharers instead of a private COW copy.</param>
/// <param name="Kind">Why the area exists (text, heap, stack, …).</param>
/// <param name="Path">The backing file, or null for anonymous memory.</param>
/// <param name="FileOffset">Offset in <see cref="Path"/> that <see cref="Start"/> maps.</param>
/// <param name="Accounted">
/// Linux's VM_ACCOUNT: set on a private mapping once it has been writable (its copies are charged to the
/// commit limit) and kept when write permission is later removed — unless the VMA is anonymous and has no
/// anonymous page yet (Linux 6.18's <c>mprotect_fixup</c>: no <c>anon_vma</c>), when mprotect drops it. Like any vm_flags difference it stops two
/// neighbours merging — which is why a live process shows a program's RELRO pages as a VMA of their own.
/// </param>
/// <param name="HugePage">
/// Linux's VM_HUGEPAGE, set by <c>madvise(MADV_HUGEPAGE)</c> (<c>hugepage_madvise</c>): with THP in <c>madvise</c>
/// mode, a fault in a 2 MiB-aligned range wholly inside a private anonymous VMA with this flag maps a huge page.
/// A vm_flags bit like any other: two neighbours that differ in it do not merge.
/// </param>
public readonly record struct VmArea(
    ulong Start,
    ulong End,
    VmaPermissions Permissions,
    bool Shared,
    VmaKind Kind,
    string? Path = null,
    ulong FileOffset = 0,
    bool Accounted = false,
    bool HugePage = false)
{
    /// <summary>A new mapping, with <see cref="Accounted"/> set as Linux's <c>mmap_region</c> would.</summary>
    public static VmArea Create(ulong start, ulong end, VmaPermissions permissions, bool shared, VmaKind kind,
        string? path = null, ulong fileOffset = 0) =>
        new(start, end, permissions, shared, kind, path, fileOffset, IsChargeable(permissions, shared));

    /// <summary>True when a mapping with these permissions is charged (private and writable).</summary>
    public static bool IsChargeable(VmaPermissions permissions, bool shared) =>
        !shared && (permissions & VmaPermissions.Write) != 0;

    /// <summary>
    /// This area with new permissions; becoming writable (private) sets <see cref="Accounted"/>, losing write keeps it
    /// (mprotect also drops it from an anonymous VMA without anonymous pages: <see cref="VmaTree.AccountedAfter"/>).
    /// </summary>
    public VmArea WithPermissions(VmaPermissions permissions) =>
        this with { Permissions = permissions, Accounted = Accounted || IsChargeable(permissions, Shared) };

    /// <summary>Bytes covered.</summary>
    public ulong Length => End - Start;

    /// <summary>True when backed by a file (demand faults read from it: a major fault).</summary>
    public bool IsFileBacked => Path is not null;

    /// <summary>True when <paramref name="address"/> lies inside the area.</summary>
    public bool Contains(ulong address) => address >= Start && address < End;

    /// <summary>The file offset that backs <paramref name="address"/> (only meaningful for file-backed areas).</summary>
    public ulong OffsetOf(ulong address) => FileOffset + (address - Start);

    /// <summary>The part of this area from <paramref name="start"/> to <paramref name="end"/>, keeping the file offset right.</summary>
    public VmArea Slice(ulong start, ulong end) =>
        this with { Start = start, End = end, FileOffset = IsFileBacked ? OffsetOf(start) : 0 };

    /// <summary>
    /// True when <paramref name="next"/> starts where this ends and the two can be one area, as Linux's
    /// <c>vma_merge</c> decides: same permissions, flags, kind and file, and (for files) contiguous offsets.
    /// </summary>
    public bool CanMergeWith(in VmArea next) =>
        End == next.Start && Permissions == next.Permissions && Shared == next.Shared && Kind == next.Kind &&
        Accounted == next.Accounted && HugePage == next.HugePage &&
        string.Equals(Path, next.Path, StringComparison.Ordinal) &&
        (!IsFileBacked || OffsetOf(End) == next.FileOffset);

    /// <summary>The <c>rwxp</c>/<c>rwxs</c> column of <c>/proc/PID/maps</c>.</summary>
    public string PermissionString =>
        string.Concat(
            (Permissions & VmaPermissions.Read) != 0 ? "r" : "-",
            (Permissions & VmaPermissions.Write) != 0 ? "w" : "-",
            (Permissions & VmaPermissions.Execute) != 0 ? "x" : "-",
            Shared ? "s" : "p");
}
