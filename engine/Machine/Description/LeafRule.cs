namespace VmQuest.Engine.Machine.Description;

/// <summary>How a walker decides that an entry above the last level is a leaf (a huge page).</summary>
public enum LeafRule
{
    /// <summary>x86: a level that allows huge pages ends the walk when the PS (huge) bit is set.</summary>
    HugeBit,

    /// <summary>RISC-V: any valid entry with R, W or X set is a leaf; R=W=X=0 points to the next table.</summary>
    PermissionBits,
}
