namespace VmQuest.Engine.Machine.Walk;

/// <summary>Why a translation failed; <see cref="None"/> means it succeeded.</summary>
public enum FaultKind
{
    /// <summary>No fault: the translation succeeded.</summary>
    None,

    /// <summary>An entry on the walk had its valid bit clear (demand paging, swap, or a wild pointer).</summary>
    NotPresent,

    /// <summary>A write to a page that is not writable at some level (also copy-on-write).</summary>
    WriteProtect,

    /// <summary>A user-mode access to a page that is not user-accessible at some level.</summary>
    UserSupervisor,

    /// <summary>An instruction fetch from a no-execute page.</summary>
    NoExecute,

    /// <summary>A read from a page without read permission (RISC-V R clear).</summary>
    ReadProtect,

    /// <summary>The upper address bits are not a sign extension (x86 #GP, not a page fault).</summary>
    NonCanonical,

    /// <summary>The address has bits set above the translated width (32-bit and teaching machines).</summary>
    OutOfRange,

    /// <summary>An entry points at a frame beyond physical memory.</summary>
    BadFrame,

    /// <summary>An entry uses a reserved encoding (RISC-V W without R, a misaligned superpage).</summary>
    Reserved,
}
