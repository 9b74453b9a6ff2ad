using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Elf;

namespace VmQuest.Tests.Engine.Formats.Elf;

public sealed class ElfReaderTests
{
    [Theory]
    [InlineData("/bin/ls")]
    [InlineData("/bin/sleep")]
    public void Read_RealBinary_MatchesReadelf(string path)
    {
        var elf = ElfReader.Read(path);
        var expected = ReadelfLoads(path);
        if (expected is null)
        {
            return; // readelf not installed: the other assertions in this class still cover real files.
        }

        Assert.Equal(expected.Value.Entry, elf.Entry);
        Assert.Equal(expected.Value.Loads, elf.Loads.Select(h => (h.Offset, h.VirtualAddress, h.FileSize, h.MemorySize, h.Flags)).ToList());
        Assert.Equal(expected.Value.Interp, elf.Interpreter);
    }

    [Fact]
    public void Read_BinLs_IsPieWithInterpreterAndGnuHeaders()
    {
        var elf = ElfReader.Read("/bin/ls");
        Assert.True(elf.IsPositionIndependent);
        Assert.Equal(ElfType.SharedObject, elf.Type);
        Assert.Equal(ElfFile.MachineAmd64, elf.Machine);
        Assert.StartsWith("/lib", elf.Interpreter, StringComparison.Ordinal);
        Assert.NotNull(elf.Dynamic);
        Assert.NotNull(elf.Relro);
        Assert.NotNull(elf.Phdr);
        Assert.NotNull(elf.GnuStack);
        Assert.False(elf.HasExecutableStack);
        Assert.True(elf.Loads.Count >= 2);
    }

    [Fact]
    public void Read_TextFile_ThrowsNotElfWithMagic()
    {
        var bytes = "#!/bin/sh\necho hi\n"u8.ToArray();
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(bytes));
        Assert.Equal("/tmp/x: not an ELF file (expected magic 7F 45 4C 46 at offset 0)", e.Message);
        Assert.Equal(0, e.Offset);
    }

    [Fact]
    public void Read_EmptyFile_ThrowsNotElfNamingLength()
    {
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse([]));
        Assert.Equal("/tmp/x: not an ELF file (expected magic 7F 45 4C 46 at offset 0; the file is only 0 bytes)", e.Message);
    }

    [Fact]
    public void Read_TruncatedHeader_ThrowsTruncated()
    {
        var bytes = File.ReadAllBytes("/bin/sleep").AsSpan(0, 40).ToArray();
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(bytes));
        Assert.Equal("/tmp/x: truncated ELF header (expected 64 bytes, the file has 40)", e.Message);
    }

    [Fact]
    public void Read_Elf32_ThrowsUnsupportedClass()
    {
        var bytes = ElfImageBuilder.TypicalPie().Build();
        bytes[4] = 1;
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(bytes));
        Assert.Equal("/tmp/x: 32-bit ELF (ELFCLASS32) is not supported (expected ELFCLASS64 = 2 at offset 4)", e.Message);
    }

    [Fact]
    public void Read_BigEndian_ThrowsUnsupportedEncoding()
    {
        var bytes = ElfImageBuilder.TypicalPie().Build();
        bytes[5] = 2;
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(bytes));
        Assert.Contains("big-endian", e.Message, StringComparison.Ordinal);
        Assert.Equal(5, e.Offset);
    }

    [Fact]
    public void Read_RelocatableObject_ThrowsNotExecutable()
    {
        var b = ElfImageBuilder.TypicalPie();
        b.Type = ElfType.Relocatable;
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(b.Build()));
        Assert.Equal("/tmp/x: not an executable: e_type 1 (ET_REL, a relocatable object) (expected ET_EXEC = 2 or ET_DYN = 3 at offset 16)", e.Message);
    }

    [Fact]
    public void Read_AbsurdPhnum_ThrowsBeforeAllocating()
    {
        var bytes = ElfImageBuilder.TypicalPie().Build();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(56), 0xFFFF);
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(bytes));
        Assert.Equal("/tmp/x: e_phnum 65535 is absurd (expected at most 1170 program headers, at offset 56)", e.Message);
    }

    [Fact]
    public void Read_PhoffBeyondFile_Throws()
    {
        var bytes = ElfImageBuilder.TypicalPie().Build();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(32), ulong.MaxValue - 8);
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(bytes));
        Assert.Contains("program header table", e.Message, StringComparison.Ordinal);
        Assert.Contains("beyond the end of the file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OffsetPlusFileszOverflows_Throws()
    {
        var b = new ElfImageBuilder().Load(0xFFFF_FFFF_FFFF_F000, 0xF000, 0x2000, 0x2000, SegmentPermissions.Read);
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(b.Build()));
        Assert.Equal("/tmp/x: PT_LOAD in program header 0: bytes 0xfffffffffffff000+0x2000 lie beyond the end of the file (expected p_offset + p_filesz <= 16384)", e.Message);
    }

    [Fact]
    public void Read_FileszAboveMemsz_Throws()
    {
        var b = new ElfImageBuilder().Load(0, 0, 0x2000, 0x1000, SegmentPermissions.Read);
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(b.Build()));
        Assert.Equal("/tmp/x: PT_LOAD in program header 0 has p_filesz 0x2000 > p_memsz 0x1000 (expected p_filesz <= p_memsz)", e.Message);
        Assert.Equal(64, e.Offset);
    }

    [Fact]
    public void Read_VaddrPlusMemszOverflows_Throws()
    {
        var b = new ElfImageBuilder().Load(0, 0xFFFF_FFFF_FFFF_F000, 0x100, 0x2000, SegmentPermissions.Read);
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(b.Build()));
        Assert.Contains("overflows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OffsetNotCongruentToVaddrModAlign_Throws()
    {
        var b = new ElfImageBuilder().Load(0x100, 0x1000, 0x100, 0x100, SegmentPermissions.Read);
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(b.Build()));
        Assert.Equal("/tmp/x: PT_LOAD in program header 0: p_offset 0x100 and p_vaddr 0x1000 differ modulo p_align 0x1000 (expected them congruent)", e.Message);
    }

    [Fact]
    public void Read_LoadsOutOfOrder_Throws()
    {
        var b = new ElfImageBuilder()
            .Load(0x1000, 0x5000, 0x10, 0x10, SegmentPermissions.Read)
            .Load(0x0, 0x0, 0x10, 0x10, SegmentPermissions.Read);
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(b.Build()));
        Assert.Contains("sorted by p_vaddr", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoLoadSegment_Throws()
    {
        var b = new ElfImageBuilder().Header(new ElfProgramHeader(ProgramHeaderType.Note, SegmentPermissions.Read, 0, 0, 0, 0, 0, 4));
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(b.Build()));
        Assert.Equal("/tmp/x: no PT_LOAD segment (expected at least one loadable segment)", e.Message);
    }

    [Fact]
    public void Read_InterpreterNotNulTerminated_Throws()
    {
        var b = ElfImageBuilder.TypicalPie();
        var bytes = b.Build();
        ulong off = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(64 + 8));
        ulong size = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(64 + 32));
        bytes[(int)(off + size - 1)] = (byte)'X';
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(bytes));
        Assert.Contains("not NUL-terminated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InterpreterHuge_ThrowsWithoutAllocating()
    {
        var b = new ElfImageBuilder()
            .Header(new ElfProgramHeader(ProgramHeaderType.Interp, SegmentPermissions.Read, 0x100, 0, 0, 1UL << 40, 1UL << 40, 1))
            .Load(0, 0, 0x100, 0x100, SegmentPermissions.Read);
        var e = Assert.Throws<ElfFormatException>(() => ElfImageBuilder.Parse(b.Build()));
        Assert.Contains("PT_INTERP size 1099511627776", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SyntheticPie_ParsesFields()
    {
        var elf = ElfImageBuilder.Parse(ElfImageBuilder.TypicalPie().Build());
        Assert.Equal("/lib64/ld-linux-x86-64.so.2", elf.Interpreter);
        Assert.Equal(4, elf.Loads.Count);
        Assert.Equal(5, elf.ProgramHeaders.Count);
        Assert.Equal(0x1000UL, elf.Entry);
        Assert.False(elf.HasExecutableStack);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFormatExceptionNamingFile()
    {
        var e = Assert.Throws<ElfFormatException>(() => ElfReader.Read("/nonexistent/vmquest-elf"));
        Assert.Equal("/nonexistent/vmquest-elf: no such file", e.Message);
        Assert.IsAssignableFrom<FormatParseException>(e);
    }

    [Fact]
    public void Read_Directory_ThrowsFormatException()
    {
        Assert.Throws<ElfFormatException>(() => ElfReader.Read("/tmp"));
    }

    /// <summary>readelf's view of a file, as an independent oracle; null when readelf is missing.</summary>
    internal static (ulong Entry, List<(ulong, ulong, ulong, ulong, SegmentPermissions)> Loads, string? Interp)? ReadelfLoads(string path)
    {
        string output;
        try
        {
            using var p = Process.Start(new ProcessStartInfo("readelf", ["-hlW", path]) { RedirectStandardOutput = true, UseShellExecute = false })!;
            output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        ulong entry = 0;
        string? interp = null;
        var loads = new List<(ulong, ulong, ulong, ulong, SegmentPermissions)>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("Entry point address:", StringComparison.Ordinal))
            {
                entry = Hex(line.Split(':')[1].Trim());
            }
            else if (line.StartsWith("[Requesting program interpreter:", StringComparison.Ordinal))
            {
                interp = line["[Requesting program interpreter: ".Length..^1];
            }
            else if (line.StartsWith("LOAD ", StringComparison.Ordinal))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var flags = SegmentPermissions.None;
                string fl = string.Concat(f.Skip(6).Take(f.Length - 7));
                flags |= fl.Contains('R', StringComparison.Ordinal) ? SegmentPermissions.Read : 0;
                flags |= fl.Contains('W', StringComparison.Ordinal) ? SegmentPermissions.Write : 0;
                flags |= fl.Contains('E', StringComparison.Ordinal) ? SegmentPermissions.Execute : 0;
                loads.Add((Hex(f[1]), Hex(f[2]), Hex(f[4]), Hex(f[5]), flags));
            }
        }

        return (entry, loads, interp);
    }

    private static ulong Hex(string s) => ulong.Parse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
