namespace VmQuest.Engine.Machine.Walk;

/// <summary>What a memory access does: the permission the walker checks and the error-code bits it reports.</summary>
public enum AccessKind
{
    /// <summary>A data read (load).</summary>
    Read,

    /// <summary>A data write (store); needs the writable bit at every level and sets the dirty bit.</summary>
    Write,

    /// <summary>An instruction fetch; forbidden by NX (x86) or a clear X bit (RISC-V).</summary>
    Execute,
}
