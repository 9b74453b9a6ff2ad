namespace VmQuest.Engine.Kernel.Reclaim.Linux;

/// <summary>The inactive lists' side: Linux's <c>shrink_inactive_list</c> → <c>shrink_folio_list</c> → <c>folio_check_references</c>.</summary>
public sealed partial class LinuxLruPolicy
{
    /// <summary>Linux's <c>enum folio_references</c>: what reclaim does with an inactive page it looked at.</summary>
    public enum FolioReferences
    {
        /// <summary>Not referenced: reclaim it (write it out first if it must be).</summary>
        Reclaim,

        /// <summary>Only <c>PG_referenced</c> was set on a file page: reclaim it if clean (here: written back when dirty, then reclaimed).</summary>
        ReclaimClean,

        /// <summary>Young once: back to the head of its inactive list, now marked <c>PG_referenced</c>.</summary>
        Keep,

        /// <summary>Referenced again (or by several PTEs, or executable file text): onto the active list.</summary>
        Activate,
    }

    /// <summary>
    /// Linux's <c>folio_check_references</c> for the page in <paramref name="frame"/>: counts (and clears) its young
    /// PTEs, tests and clears <c>PG_referenced</c>, and decides. A young page gets <c>PG_referenced</c>; it is activated
    /// when it was already marked, is young in more than one PTE, or is executable file text; otherwise kept for another
    /// trip. A page not young is reclaimed. (<c>VM_LOCKED</c> and rmap lock contention do not arise here.)
    /// </summary>
    public FolioReferences CheckReferences(int frame)
    {
        var referencedPtes = Referenced(frame, out var executable);
        var referencedFolio = _referenced[frame];
        _referenced[frame] = false;
        if (referencedPtes > 0)
        {
            // "All mapped folios start out with page table references from the instantiating fault, so we need to
            // look twice if a mapped file/anon folio is used more than once."
            _referenced[frame] = true;
            if (referencedFolio || referencedPtes > 1)
            {
                return FolioReferences.Activate;
            }

            return executable && IsFile(frame) ? FolioReferences.Activate : FolioReferences.Keep;
        }

        return referencedFolio && IsFile(frame) ? FolioReferences.ReclaimClean : FolioReferences.Reclaim;
    }

    /// <summary>True when the page in <paramref name="frame"/> has <c>PG_reclaim</c>: direct reclaim passed over it dirty once.</summary>
    public bool IsMarkedForReclaim(int frame) => _reclaimFlag[frame];

    // One page of shrink_folio_list, taken off the tail of `inactive`: true when reclaim may take it (it is then off
    // every list); otherwise it went where folio_check_references sent it.
    private bool ShrinkInactivePage(LruList inactive, int frame)
    {
        Stat.Scanned(inactive.IsFile());
        var verdict = CheckReferences(frame);
        if (verdict is (FolioReferences.Reclaim or FolioReferences.ReclaimClean) && inactive.IsFile() && IsDirty(frame))
        {
            verdict = DirtyFileVerdict(frame, verdict);
        }

        switch (verdict)
        {
            case FolioReferences.Activate:
                _lists.AddHead(inactive.ActiveOf(), frame);
                Stat.Pgactivate++;
                return false;
            case FolioReferences.Keep:
                _lists.AddHead(inactive, frame);
                return false;
            default:
                _lists.Remove(frame);
                return true;
        }
    }

    // shrink_folio_list on a dirty file page: "reclaim clean only" keeps it (keep_locked); otherwise only kswapd may
    // write it out ("Only kswapd can writeback filesystem folios"): direct reclaim marks it PG_reclaim and activates it
    // (nr_vmscan_immediate_reclaim), as Linux 6.18 does — on Linux the flusher threads then write it back, which is not
    // modelled: found again with PG_reclaim, it is written back and reclaimed here.
    private FolioReferences DirtyFileVerdict(int frame, FolioReferences verdict)
    {
        if (verdict == FolioReferences.ReclaimClean)
        {
            return FolioReferences.Keep;
        }

        if (Stat.InKswapd || _reclaimFlag[frame])
        {
            return FolioReferences.Reclaim;
        }

        _reclaimFlag[frame] = true;
        Stat.NrVmscanImmediateReclaim++;
        return FolioReferences.Activate;
    }
}
