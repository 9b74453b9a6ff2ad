using System.Globalization;
using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Play.Permissions;

namespace VmQuest.Play.ElfLayout;

/// <summary>
/// The rules a placement follows, in two kinds: <see cref="Set"/> refuses a value no mapping can have (not a page
/// boundary, past the file, end below start…); <see cref="Mismatch"/> compares a finished row with what execve maps
/// (Linux's <c>elf_map</c>: <c>PAGESTART</c>/<c>PAGEALIGN</c> of the segment's addresses, its <c>p_flags</c>, the file
/// page holding <c>p_offset</c>, zero-fill past <c>p_filesz</c>). Each refusal is one sentence that teaches the rule, in
/// English and Simplified Chinese (<see cref="LayoutRefusal"/>).
/// </summary>
public static class ElfLayoutRules
{
    /// <summary>
    /// <paramref name="row"/> with <paramref name="field"/> set to <paramref name="value"/>, or why that value is not
    /// a legal one (then <paramref name="updated"/> is <paramref name="row"/>).
    /// </summary>
    public static LayoutRefusal? Set(LayoutRow row, LayoutField field, string value, ulong pageSize, ulong fileLength, ulong userSpaceEnd, out LayoutRow updated)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(value);
        updated = row;
        switch (field)
        {
            case LayoutField.Start or LayoutField.End:
                if (!LayoutValues.TryParseHex(value, out var address))
                {
                    return new($"{field.Name()}={value} is not an address: expected 0x and hex digits", $"{field.Name()}={value} 不是地址：应为 0x 加十六进制数字");
                }

                if ((address & (pageSize - 1)) != 0)
                {
                    return new(
                        Invariant($"0x{address:x} is not page-aligned: mmap maps whole pages, so a mapping starts and ends on a multiple of 0x{pageSize:x} (PAGESTART rounds an address down, PAGEALIGN up)"),
                        Invariant($"0x{address:x} 没有按页对齐：mmap 映射的是整页，所以映射的起止地址都是 0x{pageSize:x} 的倍数（PAGESTART 把地址向下取整到页，PAGEALIGN 向上取整）"));
                }

                if (address > userSpaceEnd)
                {
                    return new(
                        Invariant($"0x{address:x} lies above user space (it ends at 0x{userSpaceEnd:x}): a program's segments are mapped below it"),
                        Invariant($"0x{address:x} 位于用户空间之上（用户空间止于 0x{userSpaceEnd:x}）：程序的段都映射在它之下"));
                }

                var (start, end) = field == LayoutField.Start ? (address, row.End) : (row.Start ?? 0, address);
                if (field == LayoutField.Start ? end is { } e && e <= start : address <= start)
                {
                    return new(
                        Invariant($"a mapping ends above its start: 0x{start:x}–0x{end:x} holds no page"),
                        Invariant($"映射的结束地址必须高于起始地址：0x{start:x}–0x{end:x} 不含任何页"));
                }

                updated = field == LayoutField.Start ? row with { Start = address } : row with { End = address };
                return null;
            case LayoutField.Perms:
                if (!PermissionText.TryParse(value, out var perms))
                {
                    return new($"perms={value} is not a permission: expected {PermissionText.Expected}", $"perms={value} 不是权限：应为{PermissionText.ExpectedZh}");
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
                    return new(
                        $"source={value} is not a source: expected {LayoutValues.Zero} (anonymous zero-filled pages) or {LayoutValues.FilePrefix}0xOFFSET (pages of the file)",
                        $"source={value} 不是页的来源：应为 {LayoutValues.Zero}（匿名的填零页）或 {LayoutValues.FilePrefix}0xOFFSET（文件的页）");
                }

                if ((offset & (pageSize - 1)) != 0)
                {
                    return new(
                        Invariant($"file offset 0x{offset:x} is not page-aligned: a file is mapped in whole pages, so the mapping starts at the file page holding the segment's first byte (PAGESTART(p_offset))"),
                        Invariant($"文件偏移 0x{offset:x} 没有按页对齐：文件按整页映射，所以映射从装有该段第一个字节的文件页开始（PAGESTART(p_offset)）"));
                }

                if (offset >= fileLength)
                {
                    return new(
                        Invariant($"file offset 0x{offset:x} lies past the end of the file (0x{fileLength:x} bytes): there is nothing there to map"),
                        Invariant($"文件偏移 0x{offset:x} 超出了文件末尾（文件共 0x{fileLength:x} 字节）：那里没有可映射的内容"));
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
    public static LayoutRefusal? Mismatch(int index, LayoutRow row, ElfLoadMapping mapping, ElfProgramHeader header, ulong bias)
    {
        ArgumentNullException.ThrowIfNull(row);
        var name = Invariant($"mapping {index} (PT_LOAD #{mapping.SegmentIndex}: p_offset 0x{header.Offset:x}, p_vaddr 0x{header.VirtualAddress:x}, p_filesz 0x{header.FileSize:x}, p_memsz 0x{header.MemorySize:x}, flags {Flags(header)})");
        var nameZh = Invariant($"映射 {index}（PT_LOAD #{mapping.SegmentIndex}：p_offset 0x{header.Offset:x}，p_vaddr 0x{header.VirtualAddress:x}，p_filesz 0x{header.FileSize:x}，p_memsz 0x{header.MemorySize:x}，flags {Flags(header)}）");
        if (row.Start != mapping.Start)
        {
            return mapping.IsAnonymous && header.FileSize > 0
                ? new(
                    Invariant($"{name} starts at 0x{row.Start:x}, but its zero-fill part begins where the file's pages end: PAGEALIGN(p_vaddr + p_filesz) = 0x{mapping.Start:x}"),
                    Invariant($"{nameZh}从 0x{row.Start:x} 开始，但它的填零部分从文件页结束的地方开始：PAGEALIGN(p_vaddr + p_filesz) = 0x{mapping.Start:x}"))
                : new(
                    Invariant($"{name} starts at 0x{row.Start:x}, but execve maps a segment from the page holding its first byte: PAGESTART(0x{bias:x} + p_vaddr) = 0x{mapping.Start:x}"),
                    Invariant($"{nameZh}从 0x{row.Start:x} 开始，但 execve 从装有段第一个字节的那一页开始映射该段：PAGESTART(0x{bias:x} + p_vaddr) = 0x{mapping.Start:x}"));
        }

        if (row.End != mapping.End)
        {
            return mapping.IsAnonymous
                ? new(
                    Invariant($"{name} ends at 0x{row.End:x}, but the zero-filled pages reach the segment's end in memory: PAGEALIGN(p_vaddr + p_memsz) = 0x{mapping.End:x}"),
                    Invariant($"{nameZh}到 0x{row.End:x} 结束，但填零页一直延伸到该段在内存中的末尾：PAGEALIGN(p_vaddr + p_memsz) = 0x{mapping.End:x}"))
                : new(
                    Invariant($"{name} ends at 0x{row.End:x}, but the file-backed part ends with the page holding the file's last byte of the segment: PAGEALIGN(p_vaddr + p_filesz) = 0x{mapping.End:x}; what p_memsz adds beyond it is zero-fill"),
                    Invariant($"{nameZh}到 0x{row.End:x} 结束，但由文件支撑的部分止于装有该段在文件中最后一个字节的那一页：PAGEALIGN(p_vaddr + p_filesz) = 0x{mapping.End:x}；p_memsz 超出它的部分是填零页"));
        }

        var wanted = ToVma(mapping.Permissions);
        if (row.Perms != wanted)
        {
            return new(
                $"{name} is {PermissionText.Format(row.Perms!.Value)}, but execve gives a segment exactly its p_flags ({Flags(header)} → {PermissionText.Format(wanted)})"
                    + (mapping.IsAnonymous ? ", its zero-fill pages too" : ""),
                $"{nameZh}的权限是 {PermissionText.Format(row.Perms!.Value)}，但 execve 给段的权限恰好就是它的 p_flags（{Flags(header)} → {PermissionText.Format(wanted)}）"
                    + (mapping.IsAnonymous ? "，它的填零页也一样" : ""));
        }

        if (mapping.IsAnonymous && row.FileOffset is not null)
        {
            return new(
                $"{name} is mapped from the file, but these pages lie past p_filesz: nothing of them is in the file, so they are anonymous zero-fill (source {LayoutValues.Zero}, the .bss)",
                $"{nameZh}映射自文件，但这些页位于 p_filesz 之后：它们的内容都不在文件里，所以是匿名的填零页（source {LayoutValues.Zero}，即 .bss）");
        }

        if (!mapping.IsAnonymous && row.FileOffset != mapping.FileOffset)
        {
            return row.FileOffset is null
                ? new(
                    Invariant($"{name} is zero-fill, but its pages hold the file's bytes: source file@0x{mapping.FileOffset:x}, the page holding p_offset"),
                    Invariant($"{nameZh}设成了填零，但它的页装的是文件的字节：source file@0x{mapping.FileOffset:x}，即装有 p_offset 的那一页"))
                : new(
                    Invariant($"{name} reads the file from 0x{row.FileOffset:x}, but page PAGESTART(p_vaddr) must hold the file page PAGESTART(p_offset) = 0x{mapping.FileOffset:x} (offset and address agree modulo the page size)"),
                    Invariant($"{nameZh}从文件的 0x{row.FileOffset:x} 处读取，但 PAGESTART(p_vaddr) 这一页必须装着文件页 PAGESTART(p_offset) = 0x{mapping.FileOffset:x}（偏移与地址对页大小取模相同）"));
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
