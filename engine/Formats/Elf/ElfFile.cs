namespace VmQuest.Engine.Formats.Elf;

/// <summary>
/// The parts of an ELF64 executable execve needs: type, entry point, program headers and the interpreter
/// path. Produced by <see cref="ElfReader"/>; immutable.
/// </summary>
/// <remarks>
/// Invariants: <see cref="Type"/> is <see cref="ElfType.Executable"/> or <see cref="ElfType.SharedObject"/>;
/// <see cref="Loads"/> is non-empty, in file order, sorted by ascending <c>p_vaddr</c>, and every entry obeys the
/// <see cref="ElfProgramHeader"/> invariants; <see cref="Interpreter"/> is the first <c>PT_INTERP</c>'s path
/// without its terminating NUL, or null when the file has none (a static executable).
/// </remarks>
public sealed class ElfFile
{
    internal ElfFile(
        string path,
        long length,
        ElfType type,
        ushort machine,
        ulong entry,
        ulong programHeaderOffset,
        ElfProgramHeader[] programHeaders,
        string? interpreter)
    {
        Path = path;
        Length = length;
        Type = type;
        Machine = machine;
        Entry = entry;
        ProgramHeaderOffset = programHeaderOffset;
        ProgramHeaders = Array.AsReadOnly(programHeaders);
        Loads = Array.AsReadOnly(Array.FindAll(programHeaders, h => h.Type == ProgramHeaderType.Load));
        Interpreter = interpreter;
        Dynamic = Find(programHeaders, ProgramHeaderType.Dynamic);
        GnuStack = Find(programHeaders, ProgramHeaderType.GnuStack);
        Relro = Find(programHeaders, ProgramHeaderType.GnuRelro);
        Phdr = Find(programHeaders, ProgramHeaderType.Phdr);
    }

    /// <summary>The <c>EM_X86_64</c> machine number.</summary>
    public const ushort MachineAmd64 = 62;

    /// <summary>The name the file was read under (used in error messages and as the mapping's path).</summary>
    public string Path { get; }

    /// <summary>File size in bytes at the time it was read.</summary>
    public long Length { get; }

    /// <summary><c>e_type</c>: fixed-address executable or position-independent (shared object / PIE).</summary>
    public ElfType Type { get; }

    /// <summary><c>e_machine</c> (62 = x86-64). Not checked: the simulation runs any architecture's layout.</summary>
    public ushort Machine { get; }

    /// <summary><c>e_entry</c>, unbiased: for <see cref="ElfType.SharedObject"/> add the load bias.</summary>
    public ulong Entry { get; }

    /// <summary><c>e_phoff</c>: file offset of the program header table.</summary>
    public ulong ProgramHeaderOffset { get; }

    /// <summary>Every program header in file order, including types the loader ignores.</summary>
    public IReadOnlyList<ElfProgramHeader> ProgramHeaders { get; }

    /// <summary>The <c>PT_LOAD</c> headers in file order (which is ascending <c>p_vaddr</c>).</summary>
    public IReadOnlyList<ElfProgramHeader> Loads { get; }

    /// <summary>The <c>PT_INTERP</c> path (e.g. <c>/lib64/ld-linux-x86-64.so.2</c>), or null for a static file.</summary>
    public string? Interpreter { get; }

    /// <summary>The first <c>PT_DYNAMIC</c>, if any.</summary>
    public ElfProgramHeader? Dynamic { get; }

    /// <summary>The first <c>PT_GNU_STACK</c>, if any.</summary>
    public ElfProgramHeader? GnuStack { get; }

    /// <summary>The first <c>PT_GNU_RELRO</c>, if any: the range ld.so makes read-only after relocating.</summary>
    public ElfProgramHeader? Relro { get; }

    /// <summary>The first <c>PT_PHDR</c>, if any.</summary>
    public ElfProgramHeader? Phdr { get; }

    /// <summary>
    /// Whether the file is position independent and loaded at a chosen base (<c>ET_DYN</c>): a PIE when it has
    /// an interpreter, a shared object or static-PIE / dynamic linker otherwise.
    /// </summary>
    public bool IsPositionIndependent => Type == ElfType.SharedObject;

    /// <summary>
    /// Whether execve gives this program an executable stack: only when <c>PT_GNU_STACK</c> asks for
    /// <c>PF_X</c>. A missing <c>PT_GNU_STACK</c> means non-executable on x86-64 (Linux 5.8 and later).
    /// </summary>
    public bool HasExecutableStack => GnuStack is { } s && s.IsExecutable;

    private static ElfProgramHeader? Find(ElfProgramHeader[] headers, ProgramHeaderType type)
    {
        foreach (var h in headers)
        {
            if (h.Type == type)
            {
                return h;
            }
        }

        return null;
    }
}
