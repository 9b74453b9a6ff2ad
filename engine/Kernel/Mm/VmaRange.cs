namespace VmQuest.Engine.Kernel.Mm;

/// <summary>
/// A VMA entity's address range (Linux's <c>vm_start</c>/<c>vm_end</c>): [<see cref="Start"/>, <see cref="End"/>),
/// page-aligned and non-empty. Written only by the owning mm's <see cref="VmaTree"/>, which keeps
/// <see cref="Start"/> as the entity's sort key in its index.
/// </summary>
public struct VmaRange
{
    /// <summary>First address (inclusive).</summary>
    public ulong Start;

    /// <summary>One past the last address.</summary>
    public ulong End;
}
