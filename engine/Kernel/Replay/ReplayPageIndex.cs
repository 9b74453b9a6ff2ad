using System.Runtime.CompilerServices;

namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// Numbers a trace's pages densely, 0 … pages−1, through its regions: the regions are the runs of touched pages,
/// so the ids are exactly as many as the distinct pages and the k-th page of a region is its first id plus k.
/// The textbook replay keeps every per-page fact in arrays indexed by these ids (the role of Linux's
/// <c>struct page</c> array) and looks a page's id up only on a TLB miss, as the hardware walks only then.
/// </summary>
internal sealed class ReplayPageIndex
{
    private readonly ulong[] _firstPages;
    private readonly ulong[] _lastPages;
    private readonly int[] _firstIds;
    private const int CacheMask = 4095;
    private readonly ulong[] _cachedPage = new ulong[CacheMask + 1];
    private readonly int[] _cachedId = new int[CacheMask + 1];
    private int _lastRegion;

    /// <summary>Numbers the pages of <paramref name="regions"/> (sorted, disjoint, as <see cref="TraceInput"/> guarantees).</summary>
    public ReplayPageIndex(IReadOnlyList<TraceRegion> regions)
    {
        _firstPages = new ulong[regions.Count];
        _lastPages = new ulong[regions.Count];
        _firstIds = new int[regions.Count];
        long next = 0;
        for (var i = 0; i < regions.Count; i++)
        {
            _firstPages[i] = regions[i].FirstPage;
            _lastPages[i] = regions[i].LastPage;
            _firstIds[i] = checked((int)next);
            next += (long)(regions[i].LastPage - regions[i].FirstPage + 1);
        }

        Count = checked((int)next);
        Array.Fill(_cachedPage, ReplayTlb.Empty);
        PageOf = new ulong[Count];
        for (var i = 0; i < regions.Count; i++)
        {
            for (var page = regions[i].FirstPage; page <= regions[i].LastPage; page++)
            {
                PageOf[_firstIds[i] + (int)(page - regions[i].FirstPage)] = page;
            }
        }
    }

    /// <summary>Pages numbered (the pages the regions span).</summary>
    public int Count { get; }

    /// <summary>The page number of each id.</summary>
    public ulong[] PageOf { get; }

    /// <summary>
    /// The id of <paramref name="page"/>, which must lie in a region: from a direct-mapped cache of recent answers
    /// (a miss of a trace's TLB is mostly a page it has used before), else the last region used, else a binary search.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int IdOf(ulong page)
    {
        var line = (int)page & CacheMask;
        if (_cachedPage[line] == page)
        {
            return _cachedId[line];
        }

        var id = Search(page);
        _cachedPage[line] = page;
        _cachedId[line] = id;
        return id;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Search(ulong page)
    {
        var region = _lastRegion;
        if (page < _firstPages[region] || page > _lastPages[region])
        {
            var found = Array.BinarySearch(_firstPages, page);
            region = found >= 0 ? found : ~found - 1;
            if (region < 0 || page > _lastPages[region])
            {
                throw new InvalidOperationException($"page 0x{page:x} lies in none of the trace's regions");
            }

            _lastRegion = region;
        }

        return _firstIds[region] + (int)(page - _firstPages[region]);
    }
}
