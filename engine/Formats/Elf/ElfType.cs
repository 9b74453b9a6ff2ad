namespace VmQuest.Engine.Formats.Elf;

/// <summary>The ELF <c>e_type</c> field: what kind of object the file is.</summary>
public enum ElfType : ushort
{
    /// <summary><c>ET_NONE</c>.</summary>
    None = 0,

    /// <summary><c>ET_REL</c>: a relocatable object (.o); not loadable.</summary>
    Relocatable = 1,

    /// <summary><c>ET_EXEC</c>: a fixed-address executable; segments load at their <c>p_vaddr</c>.</summary>
    Executable = 2,

    /// <summary><c>ET_DYN</c>: a shared object or position-independent executable; loads at a chosen base.</summary>
    SharedObject = 3,

    /// <summary><c>ET_CORE</c>: a core dump; not loadable.</summary>
    Core = 4,
}
