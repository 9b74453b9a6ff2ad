namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// Where a frame's contents also live (Linux's <c>mapping</c> with the file <c>index</c>, and <c>folio->swap</c>):
/// a file page's file and page, or an anonymous page's swap slot while it is in the swap cache. A component of its
/// own, apart from the hot <see cref="FrameState"/> and <see cref="FrameReverseMap"/>, so the memory of anonymous
/// frames that never swap is never touched. Written only by <see cref="FrameTable"/>.
/// </summary>
public struct FrameBacking
{
    /// <summary>The page-cache id of the file a file page holds (0 for anonymous memory).</summary>
    public int FileId;

    /// <summary>
    /// For a file page, which page of its file it holds (offset ÷ page size); for an anonymous page in the swap
    /// cache, its swap slot; 0 otherwise. One field, because a page is never both: only anonymous pages go to swap.
    /// </summary>
    public uint Page;
}
