namespace VmQuest.Engine.Kernel.Reclaim.Linux;

/// <summary>
/// Linux's own reclaim order (the classic two-list LRU of <c>mm/vmscan.c</c>, Linux 6.18 with
/// <c>CONFIG_LRU_GEN</c> off — the multi-generational LRU is not modelled): four lists (<see cref="LruList"/>),
/// every page on exactly one. A new page — a demand-zero or copy-on-write page, a swap-in, a page read into the
/// page cache — starts at the head of its inactive list (<c>folio_add_lru</c>: since 5.9 anonymous pages too;
/// workingset refault detection, which may activate a refaulting page at once, is not modelled). A victim is looked
/// for at the tail of an inactive list and given the referenced-bit second chance of
/// <c>folio_check_references</c>: a page whose PTEs the hardware marked young is kept once and activated when
/// found referenced again; active pages flow back to the inactive list when it is low (<c>shrink_active_list</c>,
/// <c>inactive_is_low</c>).
/// <para>
/// Young bits come from the PTEs' Accessed bits through the kernel's reverse map (<see cref="IPageReferences"/>). On
/// its own (a reference string, no kernel) the policy keeps a young bit per page, set by each access, instead.
/// Deterministic; allocation-free after construction.
/// </para>
/// </summary>
public sealed partial class LinuxLruPolicy : IReplacementPolicy
{
    /// <summary>Linux's <c>SWAP_CLUSTER_MAX</c>: the batch reclaim works in (pages deactivated per look, pages a direct reclaim asks for).</summary>
    public const int SwapClusterMax = 32;

    /// <summary>Linux's default <c>vm.swappiness</c>: anonymous pages are scanned at 60 against file pages' 200 − 60.</summary>
    public const int Swappiness = 60;

    private readonly LruLists _lists;
    private readonly bool[] _referenced;
    private readonly bool[] _reclaimFlag;
    private readonly bool[]? _young;
    private readonly IPageReferences? _pages;
    private readonly int _pageShift;
    private readonly long[] _scanCredit = new long[2];

    /// <summary>Creates the policy on its own for frames 0 … <paramref name="capacity"/>−1 of 4 KiB pages: all pages anonymous, young when accessed.</summary>
    public LinuxLruPolicy(int capacity)
        : this(capacity, 12, null, new VmStat())
    {
    }

    internal LinuxLruPolicy(int capacity, int pageShift, IPageReferences? pages, VmStat stat)
    {
        _lists = new LruLists(capacity);
        _referenced = new bool[capacity];
        _reclaimFlag = new bool[capacity];
        _young = pages is null ? new bool[capacity] : null;
        _pages = pages;
        _pageShift = Math.Clamp(pageShift, 0, 30);
        Stat = stat;
    }

    /// <inheritdoc />
    public string Name => "linux";

    /// <summary>The counters the lists' moves are counted in (<c>pgscan_*</c>, <c>pgactivate</c>, <c>pgdeactivate</c>, <c>pgrefill</c>).</summary>
    public VmStat Stat { get; }

    /// <summary>The list <paramref name="frame"/>'s page is on, or null when it is on none.</summary>
    public LruList? ListOf(int frame) => _lists.ListOf(frame) is var l and >= 0 ? (LruList)l : null;

    /// <summary>How many pages <paramref name="list"/> holds.</summary>
    public int Count(LruList list) => _lists.Count(list);

    /// <summary>Pages on all four lists.</summary>
    public int Resident => _lists.Total;

    /// <summary>True when the page in <paramref name="frame"/> has <c>PG_referenced</c> (set when it was found young once).</summary>
    public bool IsReferenced(int frame) => _referenced[frame];

    /// <summary>The frames of <paramref name="list"/> from head (newest) to tail (the next looked at).</summary>
    public IEnumerable<int> Frames(LruList list)
    {
        for (var f = _lists.Head(list); f >= 0; f = _lists.Next(f))
        {
            yield return f;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// <c>folio_add_lru</c>: onto the head of the page's inactive list (also a page put back because reclaim could not
    /// take it: <c>folio_putback_lru</c>). <c>PG_referenced</c> is left as it was.
    /// </remarks>
    public void Loaded(int frame)
    {
        _lists.AddHead(LruListExtensions.Inactive(IsFile(frame)), frame);
        if (_young is not null)
        {
            // "All mapped folios start out with page table references from the instantiating fault."
            _young[frame] = true;
        }
    }

    /// <inheritdoc />
    /// <remarks>With the kernel, the MMU's Accessed bit records the access: nothing to do here.</remarks>
    public void Accessed(int frame)
    {
        if (_young is not null)
        {
            _young[frame] = true;
        }
    }

    /// <inheritdoc />
    public void Removed(int frame)
    {
        _lists.Remove(frame);
        _referenced[frame] = false;
        _reclaimFlag[frame] = false;
        if (_young is not null)
        {
            _young[frame] = false;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One round of <c>shrink_lruvec</c> per page looked at: refill an inactive list that is low from its active list,
    /// choose anonymous or file by <c>get_scan_count</c>'s balance, then give the tail page of that inactive list
    /// <c>folio_check_references</c>' verdict; the first page reclaim may take is the victim. Nothing sets a young bit
    /// meanwhile, so every page is looked at a bounded number of times.
    /// </remarks>
    public int ChooseVictim()
    {
        if (_lists.Total == 0)
        {
            throw new InvalidOperationException("No page is resident, so there is nothing to evict.");
        }

        var bound = (8L * _lists.Total) + 64;
        for (long round = 0; round < bound; round++)
        {
            RefillInactive();
            var inactive = ScanBalance();
            var frame = _lists.Tail(inactive);
            if (frame < 0)
            {
                break;
            }

            if (ShrinkInactivePage(inactive, frame))
            {
                return frame;
            }
        }

        throw new InvalidOperationException("linux reclaim found no victim on its lists (a bug)");
    }

    private bool IsFile(int frame) => _pages?.IsFile(frame) ?? false;

    private bool CanSwap => _pages?.CanSwap ?? true;

    private bool IsDirty(int frame) => _pages?.IsDirty(frame) ?? false;

    // folio_referenced, or the policy's own young bit when it runs without a kernel.
    private int Referenced(int frame, out bool executable)
    {
        if (_pages is not null)
        {
            return _pages.Referenced(frame, out executable);
        }

        executable = false;
        var young = _young![frame];
        _young[frame] = false;
        return young ? 1 : 0;
    }

    // get_scan_count with equal reclaim costs: anonymous pages weigh swappiness (60), file pages 200 − swappiness, each
    // times its inactive list's size (scan = size × fraction); none when swap is full (can_reclaim_anon_pages).
    // A smooth weighted round robin turns the weights into a deterministic order of single looks.
    private LruList ScanBalance()
    {
        var anon = _lists.Count(LruList.InactiveAnon);
        var file = _lists.Count(LruList.InactiveFile);
        if (file == 0)
        {
            return LruList.InactiveAnon;
        }

        if (anon == 0 || !CanSwap)
        {
            return LruList.InactiveFile;
        }

        long anonWeight = (long)Swappiness * anon, fileWeight = (200L - Swappiness) * file;
        _scanCredit[0] += anonWeight;
        _scanCredit[1] += fileWeight;
        var pick = _scanCredit[1] >= _scanCredit[0] ? 1 : 0;
        _scanCredit[pick] -= anonWeight + fileWeight;
        return pick == 1 ? LruList.InactiveFile : LruList.InactiveAnon;
    }
}
