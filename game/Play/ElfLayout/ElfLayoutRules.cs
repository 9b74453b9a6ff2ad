using System.Globalization;
using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Play.Permissions;

namespace VmQuest.Play.ElfLayout;

/// <summary>
/// The rules a placement follows, in two kinds: <see cref="Set"/> refuses a value no mapping can have (not a page
/// boundary, past the file, end below start…); <see cref="Mismatch"/> compares a finished row with what execve maps
/// (Linux's <c>elf_map</c>: <c>PAGESTART</c>/<c>PAGEALIGN</c> of the segment's addresses, its <c>p_flags</c>, the file
/// page holding <c>p_offset</c>, zero-fill past <c>p_filesz</c>). Each refusal is one sentence that teaches the rule.
/// </summary>
public static class ElfLayoutRules
{
    /// <summary>
    /// <paramref name="row"/> with <paramref name="field"/> set to <paramref name="value"/>, or why that value is not
    /// a legal one (then <paramref name="updated"/> is <paramref name="row"/>).
    /// </summary>
    public static string? Set(LayoutRow row, LayoutField field, string value, ulong pageSize, ulong fileLength, ulong userSpaceEnd, out LayoutRow updated)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(value);
        updated = row;
        switch (field)
        {
            case LayoutField.Start or LayoutField.End:
                if (!LayoutValues.TryParseHex(value, out var address))
                {
                    return $"{field.Name()}={value} is not an address: expected 0x and hex digits";
                }

                if ((address & (pageSize - 1)) != 0)
                {
                    return Invariant($"0x{address:x} is not page-aligned: mmap maps whole pages, so a mapping starts and ends on a multiple of 0x{pageSize:x} (PAGESTART rounds an address down, PAGEALIGN up)");
                }

                if (address > userSpaceEnd)
                {
                    return Invariant($"0x{address:x} lies above user space (it ends at 0x{userSpaceEnd:x}): a program's segments are mapped below it");
                }

                var (start, end) = field == LayoutField.Start ? (address, row.End) : (row.Start ?? 0, address);
                if (field == LayoutField.Start ? end is { } e && e <= start : address <= start)
                {
                    return Invariant($"a mapping ends above its start: 0x{start:x}–0x{end:x} holds no page");
                }

                updated = field == LayoutField.Start ? row with { Start = address } : row with { End = address };
                return null;
            case LayoutField.Perms:
                if (!PermissionText.TryParse(value, out var perms))
                {
                    return $"perms={value} is not a permission: expected {PermissionText.Expected}";
                }

                updated = row with { Perms = perms };
                return null;
            default:
                if (value == LayoutValues.Zero)
                {
                    updated = row with { SourceSet = true, FileOffset = null };
                    return null;
                }

                if (!value.StartsWith(LayoutValues.FilePrefix, StringComparison.Ordinal)
                    || !LayoutValues.TryParseHex(value[LayoutValues.FilePrefix.Length..], out var offset))
                {
                    return $"source={value} is not a source: expected {LayoutValues.Zero} (anonymous zero-filled pages) or {LayoutValues.FilePrefix}0xOFFSET (pages of the file)";
                }

                if ((offset & (pageSize - 1)) != 0)
                {
                    return Invariant($"file offset 0x{offset:x} is not page-aligned: a file is mapped in whole pages, so the mapping starts at the file page holding the segment's first byte (PAGESTART(p_offset))");
                }

                if (offset >= fileLength)
                {
                    return Invariant($"file offset 0x{offset:x} lies past the end of the file (0x{fileLength:x} bytes): there is nothing there to map");
                }

                updated = row with { SourceSet = true, FileOffset = offset };
                return null;
        }
    }

    /// <summary>
    /// The first field of the finished <paramref name="row"/> that differs from what execve maps for
    /// <paramref name="mapping"/> (made of <paramref name="header"/>), with the rule that gives the right value; null
    /// when the row is exactly that mapping.
    /// </summary>
    public static string? Mismatch(int index, LayoutRow row, ElfLoadMapping mapping, ElfProgramHeader header, ulong bias)
    {
        ArgumentNullException.ThrowIfNull(row);
        var name = Invariant($"mapping {index} (PT_LOAD #{mapping.SegmentIndex}: p_offset 0x{header.Offset:x}, p_vaddr 0x{header.VirtualAddress:x}, p_filesz 0x{header.FileSize:x}, p_memsz 0x{header.MemorySize:x}, flags {Flags(header)})");
        if (row.Start != mapping.Start)
        {
            return mapping.IsAnonymous && header.FileSize > 0
                ? Invariant($"{name} starts at 0x{row.Start:x}, but its zero-fill part begins where the file's pages end: PAGEALIGN(p_vaddr + p_filesz) = 0x{mapping.Start:x}")
                : Invariant($"{name} starts at 0x{row.Start:x}, but execve maps a segment from the page holding its first byte: PAGESTART(0x{bias:x} + p_vaddr) = 0x{mapping.Start:x}");
        }

        if (row.End != mapping.End)
        {
            return mapping.IsAnonymous
                ? Invariant($"{name} ends at 0x{row.End:x}, but the zero-filled pages reach the segment's end in memory: PAGEALIGN(p_vaddr + p_memsz) = 0x{mapping.End:x}")
                : Invariant($"{name} ends at 0x{row.End:x}, but the file-backed part ends with the page holding the file's last byte of the segment: PAGEALIGN(p_vaddr + p_filesz) = 0x{mapping.End:x}; what p_memsz adds beyond it is zero-fill");
        }

        var wanted = ToVma(mapping.Permissions);
        if (row.Perms != wanted)
        {
            return $"{name} is {PermissionText.Format(row.Perms!.Value)}, but execve gives a segment exactly its p_flags ({Flags(header)} → {PermissionText.Format(wanted)})"
                + (mapping.IsAnonymous ? ", its zero-fill pages too" : "");
        }

        if (mapping.IsAnonymous && row.FileOffset is not null)
        {
            return $"{name} is mapped from the file, but these pages lie past p_filesz: nothing of them is in the file, so they are anonymous zero-fill (source {LayoutValues.Zero}, the .bss)";
        }

        if (!mapping.IsAnonymous && row.FileOffset != mapping.FileOffset)
        {
            return row.FileOffset is null
                ? Invariant($"{name} is zero-fill, but its pages hold the file's bytes: source file@0x{mapping.FileOffset:x}, the page holding p_offset")
                : Invariant($"{name} reads the file from 0x{row.FileOffset:x}, but page PAGESTART(p_vaddr) must hold the file page PAGESTART(p_offset) = 0x{mapping.FileOffset:x} (offset and address agree modulo the page size)");
        }

        return null;
    }

    /// <summary>The permissions of a segment or mapping as a VMA has them.</summary>
    public static VmaPermissions ToVma(SegmentPermissions permissions) =>
        ((permissions & SegmentPermissions.Read) != 0 ? VmaPermissions.Read : VmaPermissions.None)
        | ((permissions & SegmentPermissions.Write) != 0 ? VmaPermissions.Write : VmaPermissions.None)
        | ((permissions & SegmentPermissions.Execute) != 0 ? VmaPermissions.Execute : VmaPermissions.None);

    /// <summary>The <c>Flg</c> column of <c>readelf -l</c>: <c>R</c>, <c>W</c>, <c>E</c> or a space each.</summary>
    public static string Flags(ElfProgramHeader header) => new(
    [
        header.IsReadable ? 'R' : ' ',
        header.IsWritable ? 'W' : ' ',
        header.IsExecutable ? 'E' : ' ',
    ]);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
