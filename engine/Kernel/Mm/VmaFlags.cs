namespace VmQuest.Engine.Kernel.Mm;

/// <summary>
/// A VMA entity's <c>vm_flags</c>: what accesses it allows, VM_SHARED, VM_ACCOUNT (see
/// <see cref="VmArea.Accounted"/>) and VM_HUGEPAGE. Written only by the owning mm's <see cref="VmaTree"/> (mprotect goes
/// through <see cref="VmaTree.Protect"/>).
/// </summary>
public struct VmaFlags
{
    /// <summary>VM_READ, VM_WRITE, VM_EXEC.</summary>
    public VmaPermissions Permissions;

    /// <summary>VM_SHARED: MAP_SHARED, writes reach the file / other sharers.</summary>
    public bool Shared;

    /// <summary>VM_ACCOUNT: the private mapping has been writable, so its copies are charged to the commit limit.</summary>
    public bool Accounted;

    /// <summary>VM_HUGEPAGE: <c>madvise(MADV_HUGEPAGE)</c> asked for transparent huge pages here (<see cref="VmArea.HugePage"/>).</summary>
    public bool HugePage;
}
