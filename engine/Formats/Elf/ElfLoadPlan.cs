using System.Globalization;

namespace VmQuest.Engine.Formats.Elf;

/// <summary>
/// What execve maps for an ELF file at a given load bias, computed the way Linux's <c>binfmt_elf</c> does
/// (<c>elf_map</c> + <c>elf_load</c>): a pure function of the program headers, the bias and the page size.
/// </summary>
/// <remarks>
/// For each <c>PT_LOAD</c> with <c>p_memsz &gt; 0</c>:
/// <list type="bullet">
/// <item>the file-backed part <c>[PAGESTART(bias+p_vaddr), PAGEALIGN(bias+p_vaddr+p_filesz))</c> at file offset
/// <c>PAGESTART(p_offset)</c> with the segment's permissions (absent when <c>p_filesz == 0</c>);</item>
/// <item>when <c>p_memsz &gt; p_filesz</c>, the rest of the last file page is zero-filled and whole pages up to
/// <c>PAGEALIGN(bias+p_vaddr+p_memsz)</c> become an anonymous read+write mapping (plus execute when the segment
/// is executable), as <c>vm_brk_flags</c> creates.</item>
/// </list>
/// A later segment overlapping an earlier one replaces the overlapped pages (<c>MAP_FIXED</c>).
/// Invariants: <see cref="Mappings"/> is sorted by address, pairwise disjoint, non-empty, page-aligned.
/// Nothing here reads the file again: demand paging happens in the kernel simulation.
/// </remarks>
public sealed class ElfLoadPlan
{
    private ElfLoadPlan(ElfFile elf, ulong loadBias, ulong pageSize, List<ElfLoadMapping> mappings)
    {
        Elf = elf;
        LoadBias = loadBias;
        PageSize = pageSize;
        Mappings = mappings.AsReadOnly();
        Entry = elf.Entry + loadBias;
        ElfLoadLayout.Compute(this, elf, loadBias, pageSize);
    }

    /// <summary>The file the plan was made for.</summary>
    public ElfFile Elf { get; }

    /// <summary>Added to every <c>p_vaddr</c>: 0 for <c>ET_EXEC</c>, the chosen base for <c>ET_DYN</c>.</summary>
    public ulong LoadBias { get; }

    /// <summary>Page size the plan was computed for (a power of two).</summary>
    public ulong PageSize { get; }

    /// <summary>The mappings, sorted by <see cref="ElfLoadMapping.Start"/> and disjoint.</summary>
    public IReadOnlyList<ElfLoadMapping> Mappings { get; }

    /// <summary>The biased entry point (<c>e_entry + bias</c>): where the program starts when there is no interpreter.</summary>
    public ulong Entry { get; }

    /// <summary><c>mm-&gt;start_code</c>: lowest executable segment's biased <c>p_vaddr</c> (0 when none is executable).</summary>
    public ulong StartCode { get; internal set; }

    /// <summary><c>mm-&gt;end_code</c>: highest end of an executable segment's file bytes.</summary>
    public ulong EndCode { get; internal set; }

    /// <summary><c>mm-&gt;start_data</c>: highest segment start (Linux's definition).</summary>
    public ulong StartData { get; internal set; }

    /// <summary><c>mm-&gt;end_data</c>: highest end of any segment's file bytes.</summary>
    public ulong EndData { get; internal set; }

    /// <summary>
    /// <c>mm-&gt;start_brk</c> without brk randomisation: the page-aligned end of the highest segment in memory.
    /// The heap grows up from here (Linux with ASLR off puts <c>[heap]</c> exactly here).
    /// </summary>
    public ulong BrkStart { get; internal set; }

    /// <summary>Biased address of the program header table (<c>AT_PHDR</c>), or 0 if no load segment holds it.</summary>
    public ulong ProgramHeaderAddress { get; internal set; }

    /// <summary>
    /// The page range the dynamic linker makes read-only after relocating (<c>PT_GNU_RELRO</c>, start rounded
    /// down, end rounded down, as glibc's <c>_dl_protect_relro</c>); empty (Start == End) when absent.
    /// </summary>
    public (ulong Start, ulong End) RelroPages { get; internal set; }

    /// <summary>
    /// Computes the plan.
    /// </summary>
    /// <param name="elf">The parsed file.</param>
    /// <param name="loadBias">Bias added to every address; must be 0 for <c>ET_EXEC</c> and page-aligned.
    /// Use <see cref="LinuxX64Layout"/> to get the value Linux would choose.</param>
    /// <param name="pageSize">Page size, a power of two (4096 on x86-64).</param>
    /// <param name="userSpaceEnd">First address above user space; segments must end at or below it.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ElfFormatException">A segment cannot be mapped: <c>p_offset</c> and <c>p_vaddr</c> differ modulo
    /// the page size, or the segment ends above <paramref name="userSpaceEnd"/>.</exception>
    /// <exception cref="ArgumentException">Bad page size or bias.</exception>
    public static ElfLoadPlan Create(ElfFile elf, ulong loadBias, ulong pageSize = 4096, ulong userSpaceEnd = LinuxX64Layout.TaskSize)
    {
        ArgumentNullException.ThrowIfNull(elf);
        if (pageSize == 0 || !ulong.IsPow2(pageSize))
        {
            throw new ArgumentException("page size must be a power of two", nameof(pageSize));
        }

        if ((loadBias & (pageSize - 1)) != 0)
        {
            throw new ArgumentException("load bias must be page-aligned", nameof(loadBias));
        }

        if (elf.Type == ElfType.Executable && loadBias != 0)
        {
            throw new ArgumentException("an ET_EXEC file loads at its own addresses: the load bias must be 0", nameof(loadBias));
        }

        var mappings = new List<ElfLoadMapping>();
        for (int i = 0; i < elf.ProgramHeaders.Count; i++)
        {
            var h = elf.ProgramHeaders[i];
            if (h.Type == ProgramHeaderType.Load && h.MemorySize > 0)
            {
                AddSegment(mappings, elf, i, h, loadBias, pageSize, userSpaceEnd);
            }
        }

        if (mappings.Count == 0)
        {
            throw new ElfFormatException(elf.Path, "every PT_LOAD segment is empty (expected one with p_memsz > 0)");
        }

        mappings.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new ElfLoadPlan(elf, loadBias, pageSize, mappings);
    }

    /// <summary>
    /// The mappings as a live process shows them after the dynamic linker has relocated it: the
    /// <see cref="RelroPages"/> made read-only (<c>mprotect(PROT_READ)</c>), splitting mappings where needed.
    /// Execve itself maps <see cref="Mappings"/>; this is what <c>/proc/PID/maps</c> shows a moment later.
    /// </summary>
    /// <returns>Sorted, disjoint mappings.</returns>
    public IReadOnlyList<ElfLoadMapping> MappingsAfterRelro()
    {
        var (lo, hi) = RelroPages;
        if (lo >= hi)
        {
            return Mappings;
        }

        // ld.so only mprotects pages inside its own image, so relro pages outside every mapping change nothing.

        var result = new List<ElfLoadMapping>(Mappings.Count + 2);
        foreach (var m in Mappings)
        {
            if (m.End <= lo || m.Start >= hi)
            {
                result.Add(m);
                continue;
            }

            ulong a = Math.Max(m.Start, lo), b = Math.Min(m.End, hi);
            if (m.Start < a)
            {
                result.Add(Slice(m, m.Start, a));
            }

            var ro = Slice(m, a, b) with { Permissions = m.Permissions & ~SegmentPermissions.Write };
            result.Add(ro with { Kind = ro.IsAnonymous ? ElfMappingKind.Bss : ElfLoadLayout.KindOf(ro.Permissions) });
            if (b < m.End)
            {
                result.Add(Slice(m, b, m.End));
            }
        }

        return result.AsReadOnly();
    }

    /// <summary>Sub-range <c>[start, end)</c> of <paramref name="m"/> with its file offset and zero-fill start adjusted.</summary>
    internal static ElfLoadMapping Slice(ElfLoadMapping m, ulong start, ulong end) => m with
    {
        Start = start,
        End = end,
        FileOffset = m.IsAnonymous ? 0 : m.FileOffset + (start - m.Start),
        ZeroFillStart = Math.Clamp(m.ZeroFillStart, start, end),
    };

    private static void AddSegment(List<ElfLoadMapping> mappings, ElfFile elf, int index, ElfProgramHeader h, ulong bias, ulong pageSize, ulong userSpaceEnd)
    {
        ulong mask = pageSize - 1;
        if (h.FileSize > 0 && (h.Offset & mask) != (h.VirtualAddress & mask))
        {
            throw new ElfFormatException(
                elf.Path,
                string.Create(CultureInfo.InvariantCulture, $"PT_LOAD in program header {index}: p_offset 0x{h.Offset:x} and p_vaddr 0x{h.VirtualAddress:x} differ modulo the page size 0x{pageSize:x} (expected them congruent, as mmap needs)"));
        }

        // Overflow-safe: the reader proved p_vaddr + p_memsz fits in 64 bits; check bias + that against user space.
        ulong vaddrEnd = h.VirtualAddress + h.MemorySize;
        if (vaddrEnd > userSpaceEnd || bias > userSpaceEnd - vaddrEnd || userSpaceEnd - (bias + vaddrEnd) < ((pageSize - (vaddrEnd & mask)) & mask))
        {
            throw new ElfFormatException(
                elf.Path,
                string.Create(CultureInfo.InvariantCulture, $"PT_LOAD in program header {index}: 0x{h.VirtualAddress:x}+0x{h.MemorySize:x} at bias 0x{bias:x} ends above user space (expected an end at or below 0x{userSpaceEnd:x})"));
        }

        ulong start = (bias + h.VirtualAddress) & ~mask;
        ulong zeroStart = start;
        if (h.FileSize > 0)
        {
            ulong fileEnd = bias + h.VirtualAddress + h.FileSize;
            ulong end = (fileEnd + mask) & ~mask;
            bool tail = h.MemorySize > h.FileSize;
            var m = new ElfLoadMapping(
                start, end, h.Flags & (SegmentPermissions.Read | SegmentPermissions.Write | SegmentPermissions.Execute),
                h.Offset & ~mask, false, tail ? fileEnd : end, index, ElfLoadLayout.KindOf(h.Flags));
            Overlay(mappings, m);
            zeroStart = fileEnd;
        }

        if (h.MemorySize > h.FileSize)
        {
            ulong anonStart = (zeroStart + mask) & ~mask;
            ulong anonEnd = (bias + vaddrEnd + mask) & ~mask;
            if (anonEnd > anonStart)
            {
                var perms = SegmentPermissions.Read | SegmentPermissions.Write | (h.Flags & SegmentPermissions.Execute);
                Overlay(mappings, new ElfLoadMapping(anonStart, anonEnd, perms, 0, true, anonStart, index, ElfMappingKind.Bss));
            }
        }
    }

    /// <summary>Adds <paramref name="m"/>, first cutting the pages it covers out of existing mappings (MAP_FIXED).</summary>
    private static void Overlay(List<ElfLoadMapping> mappings, ElfLoadMapping m)
    {
        for (int i = mappings.Count - 1; i >= 0; i--)
        {
            var old = mappings[i];
            if (old.End <= m.Start || old.Start >= m.End)
            {
                continue;
            }

            mappings.RemoveAt(i);
            if (old.Start < m.Start)
            {
                mappings.Add(Slice(old, old.Start, m.Start));
            }

            if (old.End > m.End)
            {
                mappings.Add(Slice(old, m.End, old.End));
            }
        }

        mappings.Add(m);
    }
}
