namespace VmQuest.Engine.Kernel.Reclaim.Linux;

/// <summary>
/// Reclaim's event counters, named and counted as Linux's <c>/proc/vmstat</c> names them (for a run under
/// <c>--user-frames</c>, a memory cgroup's limit, they are what its <c>memory.stat</c> would show). The
/// <c>linux</c> policy and the kernel's reclaim write them; the textbook policies leave the list counters at 0.
/// </summary>
public sealed class VmStat
{
    /// <summary><c>nr_vmscan_write</c>: pages reclaim wrote out (<c>pageout</c>): anonymous pages to swap and dirty shared file pages to their file.</summary>
    public long NrVmscanWrite { get; internal set; }

    /// <summary>
    /// <c>nr_vmscan_immediate_reclaim</c>: dirty file pages direct reclaim passed over, marked <c>PG_reclaim</c> and
    /// activated, to be reclaimed once written back (only kswapd writes file pages).
    /// </summary>
    public long NrVmscanImmediateReclaim { get; internal set; }

    /// <summary><c>pswpout</c>: pages written to swap.</summary>
    public long Pswpout { get; internal set; }

    /// <summary><c>allocstall_normal</c>: allocations that entered direct reclaim (free memory at or below the min watermark).</summary>
    public long AllocstallNormal { get; internal set; }

    /// <summary><c>pgactivate</c>: inactive pages moved to the active list (referenced again: <c>folio_check_references</c>).</summary>
    public long Pgactivate { get; internal set; }

    /// <summary><c>pgdeactivate</c>: active pages moved to the inactive list (<c>shrink_active_list</c>).</summary>
    public long Pgdeactivate { get; internal set; }

    /// <summary><c>pgrefill</c>: active pages scanned by <c>shrink_active_list</c>.</summary>
    public long Pgrefill { get; internal set; }

    /// <summary><c>pgsteal_kswapd</c>: pages kswapd reclaimed.</summary>
    public long PgstealKswapd { get; internal set; }

    /// <summary><c>pgsteal_direct</c>: pages reclaimed by an allocation itself (direct reclaim).</summary>
    public long PgstealDirect { get; internal set; }

    /// <summary><c>pgscan_kswapd</c>: inactive pages kswapd scanned.</summary>
    public long PgscanKswapd { get; internal set; }

    /// <summary><c>pgscan_direct</c>: inactive pages direct reclaim scanned.</summary>
    public long PgscanDirect { get; internal set; }

    /// <summary><c>pgscan_anon</c>: inactive anonymous pages scanned.</summary>
    public long PgscanAnon { get; internal set; }

    /// <summary><c>pgscan_file</c>: inactive file pages scanned.</summary>
    public long PgscanFile { get; internal set; }

    /// <summary><c>pgsteal_anon</c>: anonymous pages reclaimed.</summary>
    public long PgstealAnon { get; internal set; }

    /// <summary><c>pgsteal_file</c>: file pages reclaimed.</summary>
    public long PgstealFile { get; internal set; }

    /// <summary><c>pageoutrun</c>: kswapd's balancing runs (<c>balance_pgdat</c>).</summary>
    public long Pageoutrun { get; internal set; }

    /// <summary>True while kswapd reclaims (its pages count as <c>_kswapd</c>, everyone else's as <c>_direct</c>).</summary>
    internal bool InKswapd { get; set; }

    /// <summary>The counters as <c>/proc/vmstat</c> lists them: (name, value), in its order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Named =>
    [
        new("nr_vmscan_write", NrVmscanWrite),
        new("nr_vmscan_immediate_reclaim", NrVmscanImmediateReclaim),
        new("pswpout", Pswpout),
        new("allocstall_normal", AllocstallNormal),
        new("pgactivate", Pgactivate),
        new("pgdeactivate", Pgdeactivate),
        new("pgrefill", Pgrefill),
        new("pgsteal_kswapd", PgstealKswapd),
        new("pgsteal_direct", PgstealDirect),
        new("pgscan_kswapd", PgscanKswapd),
        new("pgscan_direct", PgscanDirect),
        new("pgscan_anon", PgscanAnon),
        new("pgscan_file", PgscanFile),
        new("pgsteal_anon", PgstealAnon),
        new("pgsteal_file", PgstealFile),
        new("pageoutrun", Pageoutrun),
    ];

    // shrink_inactive_list: __count_vm_events(PGSCAN_KSWAPD + reclaimer_offset(), nr_scanned), and PGSCAN_ANON + file.
    internal void Scanned(bool file)
    {
        if (InKswapd)
        {
            PgscanKswapd++;
        }
        else
        {
            PgscanDirect++;
        }

        if (file)
        {
            PgscanFile++;
        }
        else
        {
            PgscanAnon++;
        }
    }

    // The same for nr_reclaimed (PGSTEAL_KSWAPD + reclaimer_offset(), PGSTEAL_ANON + file).
    internal void Stolen(bool file)
    {
        if (InKswapd)
        {
            PgstealKswapd++;
        }
        else
        {
            PgstealDirect++;
        }

        if (file)
        {
            PgstealFile++;
        }
        else
        {
            PgstealAnon++;
        }
    }
}
