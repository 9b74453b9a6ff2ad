namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// A trace parsed and expanded, ready to replay: every reference in order, the number of accesses (trace lines)
/// they came from, and the regions to map. Produced by <see cref="TraceLoader"/>. Guarantees: every reference's
/// page lies in exactly one region; regions are sorted, disjoint and not adjacent.
/// </summary>
public sealed class TraceInput
{
    /// <summary>Creates an input; <paramref name="regions"/> must cover every referenced page.</summary>
    public TraceInput(string source, TraceReference[] references, long accesses, IReadOnlyList<TraceRegion> regions, long distinctPages)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(regions);
        Source = source;
        References = references;
        Accesses = accesses;
        Regions = regions;
        DistinctPages = distinctPages;
    }

    /// <summary>Where the trace came from (the file name).</summary>
    public string Source { get; }

    /// <summary>The page touches, in trace order.</summary>
    public TraceReference[] References { get; }

    /// <summary>Accesses (trace lines) the references were expanded from.</summary>
    public long Accesses { get; }

    /// <summary>The anonymous mappings that cover the touched pages, ascending.</summary>
    public IReadOnlyList<TraceRegion> Regions { get; }

    /// <summary>Distinct pages referenced.</summary>
    public long DistinctPages { get; }
}
