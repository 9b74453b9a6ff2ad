using System.Buffers.Binary;
using System.Text;
using VmQuest.Engine.Formats.Elf;

namespace VmQuest.Tests.Engine.Formats.Elf;

/// <summary>Builds small synthetic ELF64 LE images in memory so tests can state exact, hostile header values.</summary>
internal sealed class ElfImageBuilder
{
    private readonly List<ElfProgramHeader> _headers = [];

    public ElfType Type { get; set; } = ElfType.SharedObject;

    public ulong Entry { get; set; } = 0x1000;

    public int FileLength { get; set; } = 0x4000;

    public string? Interpreter { get; set; }

    public ElfImageBuilder Load(ulong offset, ulong vaddr, ulong filesz, ulong memsz, SegmentPermissions flags, ulong align = 0x1000)
    {
        _headers.Add(new ElfProgramHeader(ProgramHeaderType.Load, flags, offset, vaddr, vaddr, filesz, memsz, align));
        return this;
    }

    public ElfImageBuilder Header(ElfProgramHeader h)
    {
        _headers.Add(h);
        return this;
    }

    /// <summary>Lays out: 64-byte header, program headers at 64, interpreter string (if any) right after them.</summary>
    public byte[] Build()
    {
        var headers = new List<ElfProgramHeader>(_headers);
        int tableEnd = 64 + ((headers.Count + (Interpreter is null ? 0 : 1)) * 56);
        byte[]? interp = Interpreter is null ? null : Encoding.UTF8.GetBytes(Interpreter + "\0");
        if (interp is not null)
        {
            headers.Insert(0, new ElfProgramHeader(ProgramHeaderType.Interp, SegmentPermissions.Read, (ulong)tableEnd, (ulong)tableEnd, (ulong)tableEnd, (ulong)interp.Length, (ulong)interp.Length, 1));
        }

        var bytes = new byte[Math.Max(FileLength, tableEnd + (interp?.Length ?? 0))];
        bytes[0] = 0x7F;
        bytes[1] = (byte)'E';
        bytes[2] = (byte)'L';
        bytes[3] = (byte)'F';
        bytes[4] = 2;
        bytes[5] = 1;
        bytes[6] = 1;
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], (ushort)Type);
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], ElfFile.MachineAmd64);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], Entry);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], 64);
        BinaryPrimitives.WriteUInt16LittleEndian(span[52..], 64);
        BinaryPrimitives.WriteUInt16LittleEndian(span[54..], 56);
        BinaryPrimitives.WriteUInt16LittleEndian(span[56..], (ushort)headers.Count);
        for (int i = 0; i < headers.Count; i++)
        {
            Write(span.Slice(64 + (i * 56), 56), headers[i]);
        }

        interp?.CopyTo(bytes, tableEnd);
        return bytes;
    }

    public static void Write(Span<byte> e, ElfProgramHeader h)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(e, (uint)h.Type);
        BinaryPrimitives.WriteUInt32LittleEndian(e[4..], (uint)h.Flags);
        BinaryPrimitives.WriteUInt64LittleEndian(e[8..], h.Offset);
        BinaryPrimitives.WriteUInt64LittleEndian(e[16..], h.VirtualAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(e[24..], h.PhysicalAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(e[32..], h.FileSize);
        BinaryPrimitives.WriteUInt64LittleEndian(e[40..], h.MemorySize);
        BinaryPrimitives.WriteUInt64LittleEndian(e[48..], h.Align);
    }

    public static ElfFile Parse(byte[] bytes, string name = "/tmp/x")
    {
        using var ms = new MemoryStream(bytes, writable: false);
        return ElfReader.Read(ms, name);
    }

    /// <summary>A typical PIE: R headers, R+X text, R rodata, RW data with bss spilling into an extra page.</summary>
    public static ElfImageBuilder TypicalPie() => new ElfImageBuilder { Interpreter = "/lib64/ld-linux-x86-64.so.2", FileLength = 0x6000 }
        .Load(0x0, 0x0, 0x6c0, 0x6c0, SegmentPermissions.Read)
        .Load(0x1000, 0x1000, 0x1759, 0x1759, SegmentPermissions.Read | SegmentPermissions.Execute)
        .Load(0x3000, 0x3000, 0xed0, 0xed0, SegmentPermissions.Read)
        .Load(0x42b0, 0x52b0, 0x1310, 0x25f8, SegmentPermissions.Read | SegmentPermissions.Write);
}
