namespace VmQuest.Engine.Kernel.Reclaim.Linux;

/// <summary>The active lists' side: Linux's <c>inactive_is_low</c> and <c>shrink_active_list</c> (deactivation).</summary>
public sealed partial class LinuxLruPolicy
{
    /// <summary>
    /// Linux's <c>inactive_is_low</c>: the inactive list is low when inactive × ratio &lt; active, the ratio being
    /// <c>int_sqrt(10 × GiB)</c> of both lists together (1 below 1 GiB: the lists are kept about equal).
    /// </summary>
    public bool InactiveIsLow(LruList inactive)
    {
        long inactivePages = _lists.Count(inactive), activePages = _lists.Count(inactive.ActiveOf());
        var gb = (inactivePages + activePages) >> (30 - _pageShift);
        var ratio = gb != 0 ? IntSqrt.Of(10UL * (ulong)gb) : 1;
        return inactivePages * ratio < activePages;
    }

    /// <summary>
    /// Linux's <c>shrink_active_list</c>: looks at up to <paramref name="pagesToScan"/> pages from the tail of
    /// <paramref name="active"/> (<c>pgrefill</c>), clearing their young bits; each goes to the head of the inactive
    /// list (<c>pgdeactivate</c>), keeping its <c>PG_referenced</c>, except a young page of executable file text, which
    /// rotates to the head of the active list ("so that executable code get better chances to stay in memory").
    /// </summary>
    public void ShrinkActiveList(LruList active, int pagesToScan)
    {
        var inactive = active - 1;
        var scan = Math.Min(pagesToScan, _lists.Count(active));
        for (var i = 0; i < scan; i++)
        {
            var frame = _lists.Tail(active);
            Stat.Pgrefill++;
            if (Referenced(frame, out var executable) != 0 && executable && active.IsFile())
            {
                _lists.AddHead(active, frame);
                continue;
            }

            _lists.AddHead(inactive, frame);
            Stat.Pgdeactivate++;
        }
    }

    // shrink_lruvec's deactivation (prepare_scan_control's may_deactivate): an inactive list that is low is refilled
    // from its active list, SWAP_CLUSTER_MAX pages at a time; anonymous pages only while they can be swapped
    // (can_age_anon_pages).
    private void RefillInactive()
    {
        if (CanSwap && InactiveIsLow(LruList.InactiveAnon))
        {
            ShrinkActiveList(LruList.ActiveAnon, SwapClusterMax);
        }

        if (InactiveIsLow(LruList.InactiveFile))
        {
            ShrinkActiveList(LruList.ActiveFile, SwapClusterMax);
        }

        // Nothing inactive at all (only active anonymous pages and a full swap): look at them anyway, so the kernel's
        // eviction can say swap is full.
        if (_lists.Count(LruList.InactiveAnon) == 0 && _lists.Count(LruList.InactiveFile) == 0)
        {
            ShrinkActiveList(LruList.ActiveAnon, SwapClusterMax);
        }
    }
}
