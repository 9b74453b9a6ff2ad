namespace VmQuest.Engine.Formats.Elf;

/// <summary>The ELF program header <c>p_type</c> values the loader cares about. Others are kept as raw numbers.</summary>
public enum ProgramHeaderType : uint
{
    /// <summary><c>PT_NULL</c>: unused entry.</summary>
    Null = 0,

    /// <summary><c>PT_LOAD</c>: a segment execve maps.</summary>
    Load = 1,

    /// <summary><c>PT_DYNAMIC</c>: the dynamic-linking table (inside a load segment).</summary>
    Dynamic = 2,

    /// <summary><c>PT_INTERP</c>: the path of the program interpreter (dynamic linker).</summary>
    Interp = 3,

    /// <summary><c>PT_NOTE</c>: auxiliary notes.</summary>
    Note = 4,

    /// <summary><c>PT_SHLIB</c>: reserved.</summary>
    Shlib = 5,

    /// <summary><c>PT_PHDR</c>: where the program header table itself sits in memory.</summary>
    Phdr = 6,

    /// <summary><c>PT_TLS</c>: the thread-local storage template.</summary>
    Tls = 7,

    /// <summary><c>PT_GNU_EH_FRAME</c>: unwind table index.</summary>
    GnuEhFrame = 0x6474E550,

    /// <summary><c>PT_GNU_STACK</c>: its flags say whether the stack is executable.</summary>
    GnuStack = 0x6474E551,

    /// <summary><c>PT_GNU_RELRO</c>: range the dynamic linker makes read-only after relocation.</summary>
    GnuRelro = 0x6474E552,

    /// <summary><c>PT_GNU_PROPERTY</c>: GNU property notes (CET, etc.).</summary>
    GnuProperty = 0x6474E553,
}
