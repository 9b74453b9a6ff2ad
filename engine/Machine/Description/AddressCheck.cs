namespace VmQuest.Engine.Machine.Description;

/// <summary>What a virtual address must look like above the bits the page tables translate.</summary>
public enum AddressCheck
{
    /// <summary>The upper bits must be zero (i386, OSTEP formats); otherwise the access is out of range.</summary>
    ZeroExtend,

    /// <summary>The upper bits must copy the top translated bit (x86-64 canonical form, RISC-V Sv39).</summary>
    SignExtend,
}
