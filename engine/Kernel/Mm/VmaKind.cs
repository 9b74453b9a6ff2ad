namespace VmQuest.Engine.Kernel.Mm;

/// <summary>
/// What a mapping is for, which decides how the city zones it and how <c>/proc/PID/maps</c> names it.
/// The kernel itself only distinguishes file-backed from anonymous and the heap and stack by address;
/// the kind records why the mapping was made.
/// </summary>
public enum VmaKind : byte
{
    /// <summary>Program code (an executable PT_LOAD segment).</summary>
    Text,

    /// <summary>Read-only data from the program file (string literals live here: writing one is a SIGSEGV).</summary>
    ReadOnlyData,

    /// <summary>Initialised writable data from the program file.</summary>
    Data,

    /// <summary>Zero-filled data past a segment's file bytes.</summary>
    Bss,

    /// <summary>The brk heap, <c>[heap]</c>.</summary>
    Heap,

    /// <summary>The main thread's stack, <c>[stack]</c>; grows down on faults just below it.</summary>
    Stack,

    /// <summary>A file mapping made by mmap (shared libraries, the program interpreter, data files).</summary>
    FileMapping,

    /// <summary>An anonymous mapping made by mmap.</summary>
    AnonymousMapping,

    /// <summary>
    /// <c>[vvar]</c>: the kernel's data pages the vDSO reads (read-only to the process), mapped by execve
    /// (<c>map_vdso</c>). Shown by its pseudo-name; touched pages are zero-filled here.
    /// </summary>
    Vvar,

    /// <summary><c>[vvar_vclock]</c>: the paravirtual clock pages, split from <c>[vvar]</c> in Linux 6.13 and later.</summary>
    VvarVclock,

    /// <summary><c>[vdso]</c>: the virtual dynamic shared object (<c>clock_gettime</c> without a system call), <c>r-xp</c>.</summary>
    Vdso,
}
