using System.Globalization;

namespace VmQuest.Engine.Formats.Elf;

/// <summary>Validation of the ELF64 file header (<c>e_ident</c>, <c>e_type</c>, program header table geometry).</summary>
internal static class ElfHeaderChecks
{
    private const int MagicLength = 4;
    private const byte ClassElf32 = 1;
    private const byte ClassElf64 = 2;
    private const byte DataLittleEndian = 1;
    private const byte DataBigEndian = 2;

    /// <summary>Checks magic, class, byte order and version, then that the whole 64-byte header is present.</summary>
    /// <param name="name">File name for messages.</param>
    /// <param name="header">The first bytes of the file (fewer than 64 when the file is short).</param>
    /// <param name="length">The file length.</param>
    internal static void CheckIdent(string name, ReadOnlySpan<byte> header, long length)
    {
        if (header.Length < MagicLength || header[0] != 0x7F || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
        {
            string size = length < MagicLength ? string.Create(CultureInfo.InvariantCulture, $"; the file is only {length} bytes") : string.Empty;
            throw new ElfFormatException(name, "not an ELF file (expected magic 7F 45 4C 46 at offset 0" + size + ")", 0);
        }

        if (header.Length <= 6)
        {
            throw Truncated(name, length);
        }

        switch (header[4])
        {
            case ClassElf64: break;
            case ClassElf32:
                throw new ElfFormatException(name, "32-bit ELF (ELFCLASS32) is not supported (expected ELFCLASS64 = 2 at offset 4)", 4);
            default:
                throw new ElfFormatException(name, string.Create(CultureInfo.InvariantCulture, $"invalid ELF class {header[4]} (expected ELFCLASS64 = 2 at offset 4)"), 4);
        }

        switch (header[5])
        {
            case DataLittleEndian: break;
            case DataBigEndian:
                throw new ElfFormatException(name, "big-endian ELF (ELFDATA2MSB) is not supported (expected ELFDATA2LSB = 1 at offset 5)", 5);
            default:
                throw new ElfFormatException(name, string.Create(CultureInfo.InvariantCulture, $"invalid ELF data encoding {header[5]} (expected ELFDATA2LSB = 1 at offset 5)"), 5);
        }

        if (header[6] != 1)
        {
            throw new ElfFormatException(name, string.Create(CultureInfo.InvariantCulture, $"invalid ELF version {header[6]} (expected EV_CURRENT = 1 at offset 6)"), 6);
        }

        if (header.Length < ElfReader.HeaderSize)
        {
            throw Truncated(name, length);
        }
    }

    private static ElfFormatException Truncated(string name, long length) => new(
        name,
        string.Create(CultureInfo.InvariantCulture, $"truncated ELF header (expected {ElfReader.HeaderSize} bytes, the file has {length})"),
        length);

    /// <summary>Only executables and shared objects (PIEs) can be exec'd.</summary>
    internal static void CheckType(string name, ElfType type)
    {
        if (type is ElfType.Executable or ElfType.SharedObject)
        {
            return;
        }

        string what = type switch
        {
            ElfType.None => "ET_NONE",
            ElfType.Relocatable => "ET_REL, a relocatable object",
            ElfType.Core => "ET_CORE, a core dump",
            _ => "unknown",
        };
        throw new ElfFormatException(
            name,
            string.Create(CultureInfo.InvariantCulture, $"not an executable: e_type {(ushort)type} ({what}) (expected ET_EXEC = 2 or ET_DYN = 3 at offset 16)"),
            16);
    }

    /// <summary>Checks the program header table's entry size, count and position, Linux's limits included.</summary>
    internal static void CheckTable(string name, ulong phoff, ushort phentsize, ushort phnum, long length)
    {
        if (phentsize != ElfProgramHeader.EntrySize)
        {
            throw new ElfFormatException(
                name,
                string.Create(CultureInfo.InvariantCulture, $"e_phentsize is {phentsize} (expected {ElfProgramHeader.EntrySize} at offset 54)"),
                54);
        }

        if (phnum == 0)
        {
            throw new ElfFormatException(name, "no program headers (expected e_phnum >= 1 at offset 56)", 56);
        }

        int bytes = phnum * ElfProgramHeader.EntrySize;
        if (bytes > ElfReader.MaxProgramHeaderTableBytes)
        {
            throw new ElfFormatException(
                name,
                string.Create(CultureInfo.InvariantCulture, $"e_phnum {phnum} is absurd (expected at most {ElfReader.MaxProgramHeaderTableBytes / ElfProgramHeader.EntrySize} program headers, at offset 56)"),
                56);
        }

        if (phoff > (ulong)length || (ulong)bytes > (ulong)length - phoff)
        {
            throw new ElfFormatException(
                name,
                string.Create(CultureInfo.InvariantCulture, $"program header table 0x{phoff:x}+{bytes} lies beyond the end of the file (expected it within the file's {length} bytes; e_phoff at offset 32)"),
                32);
        }
    }
}
