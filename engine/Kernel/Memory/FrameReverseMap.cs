namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// The cold half of a frame entity's <c>struct page</c>: how to find the PTEs that map it again (Linux's
/// <c>mapping</c> and <c>index</c>) and the swap slot of a swap-cache page (Linux's <c>private</c>). Written only
/// by <see cref="FrameTable"/>.
/// </summary>
public struct FrameReverseMap
{
    /// <summary>The address an anonymous page is mapped at in every process that shares it (for a file page, where it was first wanted).</summary>
    public ulong VirtualAddress;

    /// <summary>The offset in its file a file page holds.</summary>
    public ulong FileOffset;

    /// <summary>The page-cache id of the file a file page holds.</summary>
    public int FileId;

    /// <summary>The swap slot a swap-cache page is also in (0, never a slot, when it is in none).</summary>
    public uint SwapSlot;
}
