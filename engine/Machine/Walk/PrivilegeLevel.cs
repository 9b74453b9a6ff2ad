namespace VmQuest.Engine.Machine.Walk;

/// <summary>Who performs an access: user code needs the user bit at every level; the kernel does not.</summary>
public enum PrivilegeLevel
{
    /// <summary>User mode (x86 CPL 3, RISC-V U-mode).</summary>
    User,

    /// <summary>Kernel mode (x86 CPL 0, RISC-V S-mode with SUM set).</summary>
    Supervisor,
}
