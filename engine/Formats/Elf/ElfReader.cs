using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Engine.Formats.Elf;

/// <summary>
/// Reads the ELF64 little-endian header and program headers of a file, as Linux's <c>load_elf_binary</c> does
/// before mapping anything. Reads at most 64 + 65,536 + 4,096 bytes whatever the file's size: the header, the
/// program header table (capped like Linux at 64 KiB) and the <c>PT_INTERP</c> path (capped at PATH_MAX).
/// </summary>
/// <remarks>
/// Every problem — truncated, not ELF, 32-bit, big-endian, not executable, offsets or sizes past the end of the
/// file, arithmetic overflow, <c>p_filesz &gt; p_memsz</c>, absurd <c>e_phnum</c>, unsorted or misaligned
/// segments — throws <see cref="ElfFormatException"/> naming the file and what was expected. No other exception
/// escapes for any file contents. Allocation sizes are bounded before they are derived from file data.
/// </remarks>
public static class ElfReader
{
    /// <summary>Size of the ELF64 file header.</summary>
    public const int HeaderSize = 64;

    /// <summary>Largest program header table Linux accepts (<c>load_elf_phdrs</c>: 64 KiB), i.e. 1,170 entries.</summary>
    public const int MaxProgramHeaderTableBytes = 65536;

    /// <summary>Largest <c>PT_INTERP</c> Linux accepts (PATH_MAX, including the NUL).</summary>
    public const int MaxInterpreterBytes = 4096;

    /// <summary>Reads the ELF file at <paramref name="path"/>.</summary>
    /// <param name="path">File to read; also used as the name in error messages.</param>
    /// <returns>The parsed headers.</returns>
    /// <exception cref="ElfFormatException">The file is not a regular file, cannot be read, or is not a valid ELF64 LE executable.</exception>
    public static ElfFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream stream;
        try
        {
            // Regular files only: a FIFO would block the open, a device would never end (InputFile says which).
            stream = InputFile.OpenRead(path, FileOptions.RandomAccess);
        }
        catch (FormatParseException e)
        {
            throw new ElfFormatException(path, e.Expected, e);
        }

        using (stream)
        {
            return Read(stream, path);
        }
    }

    /// <summary>Reads an ELF file from a seekable stream. The stream's position is changed; it is not closed.</summary>
    /// <param name="stream">Seekable stream positioned anywhere; offsets are taken from its start.</param>
    /// <param name="name">Name used in error messages and as <see cref="ElfFile.Path"/>.</param>
    /// <returns>The parsed headers.</returns>
    /// <exception cref="ElfFormatException">The contents are not a valid ELF64 LE executable, or reading fails.</exception>
    public static ElfFile Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("the stream must be readable and seekable", nameof(stream));
        }

        try
        {
            return ReadCore(stream, name);
        }
        catch (IOException e)
        {
            throw new ElfFormatException(name, "read error (" + OneLine(e.Message) + ")", e);
        }
    }

    private static ElfFile ReadCore(Stream stream, string name)
    {
        long length = stream.Length;
        Span<byte> header = stackalloc byte[HeaderSize];
        int got = ReadAt(stream, 0, header);
        ElfHeaderChecks.CheckIdent(name, header[..got], length);

        var type = (ElfType)BinaryPrimitives.ReadUInt16LittleEndian(header[16..]);
        ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(header[18..]);
        ulong entry = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(header[32..]);
        ushort phentsize = BinaryPrimitives.ReadUInt16LittleEndian(header[54..]);
        ushort phnum = BinaryPrimitives.ReadUInt16LittleEndian(header[56..]);

        ElfHeaderChecks.CheckType(name, type);
        ElfHeaderChecks.CheckTable(name, phoff, phentsize, phnum, length);

        // Bounded: CheckTable proved phnum * 56 <= 64 KiB and the table lies inside the file.
        var table = new byte[phnum * ElfProgramHeader.EntrySize];
        if (ReadAt(stream, (long)phoff, table) != table.Length)
        {
            throw new ElfFormatException(name, "file shrank while being read (program header table)", (long)phoff);
        }

        var headers = new ElfProgramHeader[phnum];
        for (int i = 0; i < phnum; i++)
        {
            headers[i] = Decode(table.AsSpan(i * ElfProgramHeader.EntrySize, ElfProgramHeader.EntrySize));
        }

        ElfSegmentChecks.CheckSegments(name, headers, phoff, length);
        string? interpreter = ReadInterpreter(stream, name, headers, phoff, length);
        return new ElfFile(name, length, type, machine, entry, phoff, headers, interpreter);
    }

    private static ElfProgramHeader Decode(ReadOnlySpan<byte> e) => new(
        (ProgramHeaderType)BinaryPrimitives.ReadUInt32LittleEndian(e),
        (SegmentPermissions)BinaryPrimitives.ReadUInt32LittleEndian(e[4..]),
        BinaryPrimitives.ReadUInt64LittleEndian(e[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(e[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(e[24..]),
        BinaryPrimitives.ReadUInt64LittleEndian(e[32..]),
        BinaryPrimitives.ReadUInt64LittleEndian(e[40..]),
        BinaryPrimitives.ReadUInt64LittleEndian(e[48..]));

    private static string? ReadInterpreter(Stream stream, string name, ElfProgramHeader[] headers, ulong phoff, long length)
    {
        int index = Array.FindIndex(headers, h => h.Type == ProgramHeaderType.Interp);
        if (index < 0)
        {
            return null;
        }

        var h = headers[index];
        long at = (long)phoff + ((long)index * ElfProgramHeader.EntrySize);
        if (h.FileSize < 2 || h.FileSize > MaxInterpreterBytes)
        {
            throw new ElfFormatException(
                name,
                string.Create(CultureInfo.InvariantCulture, $"PT_INTERP size {h.FileSize} in program header {index} is out of range (expected 2 to {MaxInterpreterBytes} bytes)"),
                at);
        }

        if (h.Offset > (ulong)length || h.FileSize > (ulong)length - h.Offset)
        {
            throw ElfSegmentChecks.BeyondEnd(name, "PT_INTERP", index, h, length, at);
        }

        var bytes = new byte[(int)h.FileSize];
        if (ReadAt(stream, (long)h.Offset, bytes) != bytes.Length)
        {
            throw new ElfFormatException(name, "file shrank while being read (PT_INTERP)", (long)h.Offset);
        }

        if (bytes[^1] != 0)
        {
            throw new ElfFormatException(
                name,
                string.Create(CultureInfo.InvariantCulture, $"PT_INTERP path at offset 0x{h.Offset:x} is not NUL-terminated (expected a C string of {h.FileSize} bytes)"),
                (long)h.Offset);
        }

        int nul = Array.IndexOf(bytes, (byte)0);
        return Encoding.UTF8.GetString(bytes, 0, nul);
    }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>; returns how many were read.</summary>
    private static int ReadAt(Stream stream, long offset, Span<byte> buffer)
    {
        stream.Position = offset;
        return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
    }

    internal static string OneLine(string s) => FormatParseException.Sanitize(s);
}
