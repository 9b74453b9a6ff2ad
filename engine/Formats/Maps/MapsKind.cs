namespace VmQuest.Engine.Formats.Maps;

/// <summary>What a <c>/proc/PID/maps</c> line is, for zoning the city (see <see cref="MapsClassifier"/>).</summary>
public enum MapsKind
{
    /// <summary>The main executable's executable mapping.</summary>
    Text,

    /// <summary>The main executable's read-only mapping (headers, rodata, relro after ld.so).</summary>
    ReadOnlyData,

    /// <summary>The main executable's writable file-backed mapping (.data).</summary>
    Data,

    /// <summary>Anonymous mapping directly after the main executable's last mapping (.bss).</summary>
    Bss,

    /// <summary><c>[heap]</c>: the brk area.</summary>
    Heap,

    /// <summary><c>[stack]</c> (or an old kernel's <c>[stack:TID]</c>).</summary>
    Stack,

    /// <summary>Any other file mapping: shared libraries, the interpreter, locale files, mmap'd data.</summary>
    MappedFile,

    /// <summary>Any other anonymous mapping, named (<c>[anon:…]</c>) or not: malloc arenas, thread stacks, JIT.</summary>
    Anonymous,

    /// <summary><c>[vdso]</c>: kernel-provided code.</summary>
    Vdso,

    /// <summary><c>[vvar]</c> / <c>[vvar_vclock]</c>: kernel-provided read-only data for the vDSO.</summary>
    Vvar,

    /// <summary><c>[vsyscall]</c>: the legacy fixed page in the kernel half.</summary>
    Vsyscall,

    /// <summary>Another bracketed kernel name (e.g. <c>[uprobes]</c>).</summary>
    Special,
}
