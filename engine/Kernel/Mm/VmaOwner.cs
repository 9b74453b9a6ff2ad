namespace VmQuest.Engine.Kernel.Mm;

/// <summary>
/// The address space a VMA entity belongs to (Linux's <c>vm_mm</c>), named by its process's pid (0 for an
/// address space no process owns, such as the one <c>vmquest maps --exec</c> builds). Set when the entity
/// is created and never changed: fork gives the child entities of its own.
/// </summary>
public struct VmaOwner
{
    /// <summary>The owning process's pid.</summary>
    public int Pid;
}
