namespace VmQuest.Engine.Kernel.Mm;

/// <summary>
/// Told when VMA changes must reach the page tables: the kernel implements it to zap PTEs (freeing frames
/// and swap slots, respecting refcounts) and flush the TLB, as Linux's <c>unmap_region</c> and
/// <c>change_protection</c> do. The VMA layer itself knows nothing of page tables.
/// </summary>
public interface IMappingObserver
{
    /// <summary>[<paramref name="area"/>.Start, End) is no longer mapped; drop its pages.</summary>
    void Unmapped(in VmArea area);

    /// <summary>Pages in [<paramref name="startAddress"/>, <paramref name="endAddress"/>) must now allow at most <paramref name="permissions"/>.</summary>
    void ProtectionChanged(ulong startAddress, ulong endAddress, VmaPermissions permissions);

    /// <summary>
    /// Whether [<paramref name="startAddress"/>, <paramref name="endAddress"/>) holds an anonymous page, present or
    /// swapped out: the simulation's stand-in for a VMA having an <c>anon_vma</c> (mprotect's VM_ACCOUNT rule).
    /// Address spaces without page tables have none.
    /// </summary>
    bool HasAnonymousPages(ulong startAddress, ulong endAddress) => false;
}
