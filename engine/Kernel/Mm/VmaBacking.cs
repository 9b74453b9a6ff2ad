namespace VmQuest.Engine.Kernel.Mm;

/// <summary>
/// What a VMA entity maps and why it exists: its kind (text, heap, stack, …) and, for a file mapping, the
/// file (Linux's <c>vm_file</c>) and the offset its first page maps (<c>vm_pgoff</c>, in bytes here).
/// Written only by the owning mm's <see cref="VmaTree"/>.
/// </summary>
public struct VmaBacking
{
    /// <summary>Why the area exists.</summary>
    public VmaKind Kind;

    /// <summary>The backing file, or null for anonymous memory.</summary>
    public string? Path;

    /// <summary>The file offset of the range's start (0 for anonymous memory).</summary>
    public ulong FileOffset;
}
