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
}
