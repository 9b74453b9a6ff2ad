namespace VmQuest.Engine.Formats.Elf;

/// <summary>
/// One mapping execve creates for a <c>PT_LOAD</c> segment: either the file-backed part or the anonymous bss
/// part. Addresses include the load bias.
/// </summary>
/// <remarks>
/// Invariants: <c>Start &lt; End</c>, both page-aligned; for file-backed mappings <see cref="FileOffset"/> is
/// page-aligned and page <c>Start + k·page</c> holds file bytes from <c>FileOffset + k·page</c>;
/// <see cref="ZeroFillStart"/> is in <c>[Start, End]</c> and bytes at or above it read as zero (Linux clears the
/// tail of the last file page past <c>p_filesz</c>: <c>padzero</c>). For anonymous mappings
/// <see cref="FileOffset"/> is 0 and <see cref="ZeroFillStart"/> equals <see cref="Start"/>.
/// </remarks>
/// <param name="Start">First address (page-aligned, inclusive).</param>
/// <param name="End">End address (page-aligned, exclusive).</param>
/// <param name="Permissions">Access rights: the segment's <c>p_flags</c>, or read+write(+execute) for bss as <c>vm_brk_flags</c> gives.</param>
/// <param name="FileOffset">File offset of <see cref="Start"/> for file-backed mappings; 0 for anonymous ones.</param>
/// <param name="IsAnonymous">True for the bss part (no file behind it).</param>
/// <param name="ZeroFillStart">Address from which contents are zero rather than file bytes.</param>
/// <param name="SegmentIndex">Index into <see cref="ElfFile.ProgramHeaders"/> of the segment this came from.</param>
/// <param name="Kind">What the mapping holds.</param>
public readonly record struct ElfLoadMapping(
    ulong Start,
    ulong End,
    SegmentPermissions Permissions,
    ulong FileOffset,
    bool IsAnonymous,
    ulong ZeroFillStart,
    int SegmentIndex,
    ElfMappingKind Kind)
{
    /// <summary>Length in bytes (<c>End - Start</c>).</summary>
    public ulong Length => End - Start;

    /// <summary>The <c>rwxp</c> string <c>/proc/PID/maps</c> shows for this mapping (always private).</summary>
    public string PermissionString => new(
    [
        (Permissions & SegmentPermissions.Read) != 0 ? 'r' : '-',
        (Permissions & SegmentPermissions.Write) != 0 ? 'w' : '-',
        (Permissions & SegmentPermissions.Execute) != 0 ? 'x' : '-',
        'p',
    ]);
}
