namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// The cold half of a frame entity's <c>struct page</c>: how to find the PTEs that map it again (Linux's
/// <c>mapping</c> and <c>index</c>) and where its contents also live (a file's page, or a swap slot for a
/// swap-cache page: Linux's <c>folio->swap</c>). Written only by <see cref="FrameTable"/>. Sixteen bytes, so a
/// frame entity costs less than the parallel arrays it replaced.
/// </summary>
public struct FrameReverseMap
{
    /// <summary>The address an anonymous page is mapped at in every process that shares it (for a file page, where it was first wanted).</summary>
    public ulong VirtualAddress;

    /// <summary>The page-cache id of the file a file page holds (0 for anonymous memory).</summary>
    public int FileId;

    /// <summary>
    /// Where the page's contents also live: for a file page, which page of its file it holds (offset ÷ page size);
    /// for an anonymous page in the swap cache, its swap slot; 0 otherwise. One field, because a page is never
    /// both: only anonymous pages go to swap.
    /// </summary>
    public uint BackingPage;
}
