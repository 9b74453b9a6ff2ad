using System.Globalization;

namespace VmQuest.Engine.Formats.Elf;

/// <summary>Validation of program headers the loader uses (<c>PT_LOAD</c>): bounds, overflow, sizes, order, alignment.</summary>
internal static class ElfSegmentChecks
{
    internal static void CheckSegments(string name, ElfProgramHeader[] headers, ulong phoff, long length)
    {
        bool anyLoad = false;
        ulong previousVaddr = 0;
        for (int i = 0; i < headers.Length; i++)
        {
            var h = headers[i];
            if (h.Type != ProgramHeaderType.Load)
            {
                continue;
            }

            long at = (long)phoff + ((long)i * ElfProgramHeader.EntrySize);
            if (h.FileSize > h.MemorySize)
            {
                throw new ElfFormatException(
                    name,
                    string.Create(CultureInfo.InvariantCulture, $"PT_LOAD in program header {i} has p_filesz 0x{h.FileSize:x} > p_memsz 0x{h.MemorySize:x} (expected p_filesz <= p_memsz)"),
                    at);
            }

            // A segment with no file bytes is never mmap'd from the file (Linux maps it anonymously), so its
            // offset does not matter.
            if (h.FileSize > 0 && (h.Offset > (ulong)length || h.FileSize > (ulong)length - h.Offset))
            {
                throw BeyondEnd(name, "PT_LOAD", i, h, length, at);
            }

            if (h.MemorySize > ulong.MaxValue - h.VirtualAddress)
            {
                throw new ElfFormatException(
                    name,
                    string.Create(CultureInfo.InvariantCulture, $"PT_LOAD in program header {i}: p_vaddr 0x{h.VirtualAddress:x} + p_memsz 0x{h.MemorySize:x} overflows (expected a range within 64 bits)"),
                    at);
            }

            // The ELF spec requires p_offset ≡ p_vaddr (mod p_align) for a power-of-two p_align; mmap needs it.
            if (h.FileSize > 0 && h.Align > 1 && ulong.IsPow2(h.Align) && (h.Offset & (h.Align - 1)) != (h.VirtualAddress & (h.Align - 1)))
            {
                throw new ElfFormatException(
                    name,
                    string.Create(CultureInfo.InvariantCulture, $"PT_LOAD in program header {i}: p_offset 0x{h.Offset:x} and p_vaddr 0x{h.VirtualAddress:x} differ modulo p_align 0x{h.Align:x} (expected them congruent)"),
                    at);
            }

            if (anyLoad && h.VirtualAddress < previousVaddr)
            {
                throw new ElfFormatException(
                    name,
                    string.Create(CultureInfo.InvariantCulture, $"PT_LOAD in program header {i} at p_vaddr 0x{h.VirtualAddress:x} is below the previous one at 0x{previousVaddr:x} (expected PT_LOAD entries sorted by p_vaddr)"),
                    at);
            }

            anyLoad = true;
            previousVaddr = h.VirtualAddress;
        }

        if (!anyLoad)
        {
            throw new ElfFormatException(name, "no PT_LOAD segment (expected at least one loadable segment)", (long)phoff);
        }
    }

    internal static ElfFormatException BeyondEnd(string name, string kind, int index, ElfProgramHeader h, long length, long at) => new(
        name,
        string.Create(CultureInfo.InvariantCulture, $"{kind} in program header {index}: bytes 0x{h.Offset:x}+0x{h.FileSize:x} lie beyond the end of the file (expected p_offset + p_filesz <= {length})"),
        at);
}
