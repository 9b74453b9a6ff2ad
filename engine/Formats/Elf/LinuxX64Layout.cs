namespace VmQuest.Engine.Formats.Elf;

/// <summary>
/// Where Linux on x86-64 (4-level paging, 4 KiB pages) places an executable and its interpreter when address
/// space randomisation is off (<c>setarch -R</c>, or <c>randomize_va_space = 0</c>). The simulation uses these so
/// its <c>/proc/PID/maps</c> matches a real one address for address.
/// </summary>
/// <remarks>
/// Checked against live processes on Linux 6.x: <c>/bin/sleep</c> maps at 0x555555554000 and its
/// interpreter <c>ld-linux-x86-64.so.2</c> (0x35000 bytes of segments) at 0x7ffff7fca000.
/// </remarks>
public static class LinuxX64Layout
{
    /// <summary>Page size.</summary>
    public const ulong PageSize = 4096;

    /// <summary><c>TASK_SIZE</c> / <c>DEFAULT_MAP_WINDOW</c>: first address above user space, <c>2^47 - 4096</c>.</summary>
    public const ulong TaskSize = 0x7FFF_FFFF_F000;

    /// <summary><c>ELF_ET_DYN_BASE</c>: two thirds of the user address space, 0x555555554aaa; a PIE's first page lands at 0x555555554000.</summary>
    public const ulong ElfEtDynBase = TaskSize / 3 * 2;

    /// <summary>Default stack size limit (<c>ulimit -s</c>, 8 MiB).</summary>
    public const ulong DefaultStackLimit = 8UL << 20;

    /// <summary><c>stack_guard_gap</c>: 256 pages kept free below the stack.</summary>
    public const ulong StackGuardGap = 256 * PageSize;

    /// <summary>Smallest gap <c>mmap_base</c> leaves between the stack top and the mmap area (128 MiB).</summary>
    public const ulong MinimumStackGap = 128UL << 20;

    /// <summary>
    /// <c>mmap_base</c> without randomisation: the top of the mmap area, below the stack and its gap
    /// (<c>TASK_SIZE - clamp(rlimit + guard gap, 128 MiB, 5/6 TASK_SIZE)</c>). 0x7ffff7fff000 for the default limit.
    /// </summary>
    /// <param name="stackLimit">The stack rlimit in bytes. (An unlimited rlimit makes Linux use the legacy
    /// bottom-up layout instead, which this does not model.)</param>
    /// <returns>The page-aligned mmap base.</returns>
    public static ulong MmapBase(ulong stackLimit = DefaultStackLimit)
    {
        ulong gap = stackLimit;
        if (gap + StackGuardGap > gap)
        {
            gap += StackGuardGap;
        }

        gap = Math.Clamp(gap, MinimumStackGap, TaskSize / 6 * 5);
        return (TaskSize - gap + PageSize - 1) & ~(PageSize - 1);
    }

    /// <summary>
    /// Bytes from the first <c>PT_LOAD</c>'s page to the end of the last one (<c>total_mapping_size</c>),
    /// page-aligned: how much address space the kernel reserves for a file loaded at a free address.
    /// </summary>
    /// <param name="elf">The file.</param>
    /// <returns>Page-aligned size.</returns>
    public static ulong TotalMappingSize(ElfFile elf)
    {
        ArgumentNullException.ThrowIfNull(elf);
        var first = elf.Loads[0];
        var last = elf.Loads[^1];
        ulong size = last.VirtualAddress + last.MemorySize - (first.VirtualAddress & ~(PageSize - 1));
        return (size + PageSize - 1) & ~(PageSize - 1);
    }

    /// <summary>
    /// The load bias execve gives <paramref name="elf"/> with randomisation off: 0 for <c>ET_EXEC</c>;
    /// <c>PAGESTART(ELF_ET_DYN_BASE - first p_vaddr)</c>, aligned down to the largest power-of-two <c>p_align</c>
    /// above a page, for a PIE (an <c>ET_DYN</c> with an interpreter); and for an <c>ET_DYN</c> without one
    /// (static PIE, or ld.so run directly) the top of the empty mmap area, like <see cref="InterpreterLoadBias"/>.
    /// </summary>
    /// <param name="elf">The executable.</param>
    /// <param name="stackLimit">The stack rlimit (only matters for an <c>ET_DYN</c> without interpreter).</param>
    /// <returns>Page-aligned bias to pass to <see cref="ElfLoadPlan.Create"/>.</returns>
    public static ulong ExecutableLoadBias(ElfFile elf, ulong stackLimit = DefaultStackLimit)
    {
        ArgumentNullException.ThrowIfNull(elf);
        if (elf.Type != ElfType.SharedObject)
        {
            return 0;
        }

        if (elf.Interpreter is null)
        {
            return InterpreterLoadBias(elf, MmapBase(stackLimit));
        }

        ulong bias = ElfEtDynBase;
        ulong alignment = MaximumAlignment(elf);
        if (alignment > PageSize)
        {
            bias &= ~(alignment - 1);
        }

        ulong first = elf.Loads[0].VirtualAddress;
        if (first > bias)
        {
            throw new ElfFormatException(elf.Path, $"position-independent file's first PT_LOAD p_vaddr 0x{first:x} is above ELF_ET_DYN_BASE 0x{bias:x} (expected a small p_vaddr)");
        }

        return (bias - first) & ~(PageSize - 1);
    }

    /// <summary>
    /// The bias of an interpreter (or any <c>ET_DYN</c> mapped at a kernel-chosen address) when it is the first
    /// thing mapped below <paramref name="mmapBase"/>, as for the dynamic linker during execve: the mmap area
    /// is searched top-down, so the file's span ends at <paramref name="mmapBase"/>.
    /// </summary>
    /// <param name="interpreter">The interpreter file.</param>
    /// <param name="mmapBase">Top of the mmap area (<see cref="MmapBase"/>).</param>
    /// <returns>Page-aligned bias.</returns>
    public static ulong InterpreterLoadBias(ElfFile interpreter, ulong mmapBase)
    {
        ArgumentNullException.ThrowIfNull(interpreter);
        ulong total = TotalMappingSize(interpreter);
        if (total > mmapBase)
        {
            throw new ElfFormatException(interpreter.Path, $"segments span 0x{total:x} bytes (expected at most the 0x{mmapBase:x} bytes below the mmap base)");
        }

        ulong start = (mmapBase - total) & ~(PageSize - 1);
        return start - (interpreter.Loads[0].VirtualAddress & ~(PageSize - 1));
    }

    /// <summary>
    /// Where the heap (<c>mm-&gt;start_brk</c>) begins with randomisation off: right after the highest segment
    /// (<see cref="ElfLoadPlan.BrkStart"/>) — except for a loader (an <c>ET_DYN</c> without interpreter, e.g.
    /// <c>ld.so</c> run directly), whose brk Linux moves to the unused <c>ELF_ET_DYN_BASE</c> region so it cannot
    /// collide with the mmap area (observed: <c>[heap]</c> at 0x555555555000 on Linux 6.18 under <c>setarch -R</c>).
    /// </summary>
    /// <param name="plan">The executable's load plan.</param>
    /// <returns>Page-aligned start of the brk area.</returns>
    public static ulong BrkStart(ElfLoadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Elf.Type == ElfType.SharedObject && plan.Elf.Interpreter is null
            ? (ElfEtDynBase + PageSize - 1) & ~(PageSize - 1)
            : plan.BrkStart;
    }

    /// <summary>Largest power-of-two <c>p_align</c> among the load segments (<c>maximum_alignment</c>).</summary>
    private static ulong MaximumAlignment(ElfFile elf)
    {
        ulong max = 0;
        foreach (var h in elf.Loads)
        {
            if (ulong.IsPow2(h.Align) && h.Align > max && h.Align <= ElfEtDynBase)
            {
                max = h.Align;
            }
        }

        return max;
    }
}
