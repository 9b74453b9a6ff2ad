namespace VmQuest.Engine.Kernel.Mm;

/// <summary>What a mapping allows: the <c>rwx</c> of <c>/proc/PID/maps</c> (Linux's VM_READ/VM_WRITE/VM_EXEC).</summary>
[Flags]
public enum VmaPermissions : byte
{
    /// <summary>No access (PROT_NONE): any touch is a SIGSEGV.</summary>
    None = 0,

    /// <summary>Loads allowed.</summary>
    Read = 1,

    /// <summary>Stores allowed.</summary>
    Write = 2,

    /// <summary>Instruction fetches allowed.</summary>
    Execute = 4,

    /// <summary>Read and write.</summary>
    ReadWrite = Read | Write,

    /// <summary>Read and execute.</summary>
    ReadExecute = Read | Execute,
}
