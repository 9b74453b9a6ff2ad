namespace VmQuest.Engine.Formats.Elf;

/// <summary>
/// One ELF64 program header, exactly as stored (no load bias applied).
/// </summary>
/// <remarks>
/// Invariants established by <see cref="ElfReader"/> for every <see cref="ProgramHeaderType.Load"/> entry with
/// file bytes and the first <see cref="ProgramHeaderType.Interp"/>: <c>Offset + FileSize</c> does not overflow and
/// lies inside the file; for every load, <c>FileSize &lt;= MemorySize</c> and <c>VirtualAddress + MemorySize</c>
/// does not overflow.
/// Other entry types are kept verbatim and not validated, as Linux ignores them.
/// </remarks>
/// <param name="Type">The <c>p_type</c>; may be a value not named in <see cref="ProgramHeaderType"/>.</param>
/// <param name="Flags">The <c>p_flags</c> permission bits (other bits are kept).</param>
/// <param name="Offset">The <c>p_offset</c>: where the segment's bytes start in the file.</param>
/// <param name="VirtualAddress">The <c>p_vaddr</c>.</param>
/// <param name="PhysicalAddress">The <c>p_paddr</c> (unused by Linux user space).</param>
/// <param name="FileSize">The <c>p_filesz</c>: bytes present in the file.</param>
/// <param name="MemorySize">The <c>p_memsz</c>: bytes in memory; the excess over FileSize is zero-filled (bss).</param>
/// <param name="Align">The <c>p_align</c>.</param>
public readonly record struct ElfProgramHeader(
    ProgramHeaderType Type,
    SegmentPermissions Flags,
    ulong Offset,
    ulong VirtualAddress,
    ulong PhysicalAddress,
    ulong FileSize,
    ulong MemorySize,
    ulong Align)
{
    /// <summary>Size in bytes of one ELF64 program header in the file.</summary>
    public const int EntrySize = 56;

    /// <summary>Whether <see cref="Flags"/> has <see cref="SegmentPermissions.Read"/>.</summary>
    public bool IsReadable => (Flags & SegmentPermissions.Read) != 0;

    /// <summary>Whether <see cref="Flags"/> has <see cref="SegmentPermissions.Write"/>.</summary>
    public bool IsWritable => (Flags & SegmentPermissions.Write) != 0;

    /// <summary>Whether <see cref="Flags"/> has <see cref="SegmentPermissions.Execute"/>.</summary>
    public bool IsExecutable => (Flags & SegmentPermissions.Execute) != 0;
}
