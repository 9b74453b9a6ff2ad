namespace VmQuest.Engine.Kernel.Reclaim.Linux;

/// <summary>
/// What Linux's reclaim learns about a page from the kernel rather than from its place on the LRU lists: whether it
/// is a file page (<c>folio_is_file_lru</c>) and how many of the PTEs that map it the hardware marked young since
/// the last look (<c>folio_referenced</c>, which clears those Accessed bits as it counts them).
/// </summary>
internal interface IPageReferences
{
    /// <summary>True when the page in <paramref name="frame"/> is a page-cache (file) page; false for anonymous memory.</summary>
    bool IsFile(int frame);

    /// <summary>True when the file page in <paramref name="frame"/> was written through a shared mapping and not yet written back (a PTE's Dirty bit).</summary>
    bool IsDirty(int frame);

    /// <summary>True while swap has a free slot (<c>can_reclaim_anon_pages</c>): anonymous pages are worth scanning.</summary>
    bool CanSwap { get; }

    /// <summary>
    /// Linux's <c>folio_referenced</c>: how many PTEs map the page with their Accessed bit set, clearing each;
    /// <paramref name="executable"/> says whether one of the VMAs that map it is executable (<c>VM_EXEC</c>).
    /// </summary>
    int Referenced(int frame, out bool executable);
}
