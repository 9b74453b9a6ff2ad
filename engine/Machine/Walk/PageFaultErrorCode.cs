namespace VmQuest.Engine.Machine.Walk;

/// <summary>
/// The x86 page-fault error code pushed on #PF (Intel SDM vol. 3A §4.7). Bit 0 tells a protection violation
/// from a not-present page; the others describe the access.
/// </summary>
[Flags]
public enum PageFaultErrorCode
{
    /// <summary>Not present (bit 0 clear), read, kernel mode.</summary>
    None = 0,

    /// <summary>P: the entry was present, so this is a protection violation.</summary>
    Present = 1 << 0,

    /// <summary>W/R: the access was a write.</summary>
    Write = 1 << 1,

    /// <summary>U/S: the access came from user mode.</summary>
    User = 1 << 2,

    /// <summary>RSVD: a reserved bit or encoding was found in an entry.</summary>
    ReservedBit = 1 << 3,

    /// <summary>I/D: the access was an instruction fetch.</summary>
    InstructionFetch = 1 << 4,
}
