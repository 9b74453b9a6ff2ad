namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// A trace ready to replay: its references in order, the number of accesses (trace lines) they came from, and
/// the regions to map. Produced by <see cref="TraceLoader"/>, either held in memory or streamed: a streamed
/// input was scanned once for its regions and counts and reads its references from the file again, chunk by
/// chunk, when replayed (<see cref="OpenReferences"/>), so a billion-reference trace needs no 8 GB array.
/// Guarantees: every reference's page lies in exactly one region; regions are sorted, disjoint and not adjacent.
/// </summary>
public sealed class TraceInput
{
    private readonly Func<ITraceReferenceReader>? _open;
    private TraceReference[]? _references;

    /// <summary>Creates an input held in memory; <paramref name="regions"/> must cover every referenced page.</summary>
    public TraceInput(string source, TraceReference[] references, long accesses, IReadOnlyList<TraceRegion> regions, long distinctPages)
        : this(source, accesses, regions, distinctPages)
    {
        ArgumentNullException.ThrowIfNull(references);
        _references = references;
        ReferenceCount = references.Length;
    }

    /// <summary>
    /// Creates a streamed input: <paramref name="open"/> starts a fresh read of its <paramref name="referenceCount"/>
    /// references each time it is called; <paramref name="regions"/> must cover every referenced page.
    /// </summary>
    public TraceInput(string source, Func<ITraceReferenceReader> open, long referenceCount, long accesses, IReadOnlyList<TraceRegion> regions, long distinctPages)
        : this(source, accesses, regions, distinctPages)
    {
        ArgumentNullException.ThrowIfNull(open);
        _open = open;
        ReferenceCount = referenceCount;
    }

    private TraceInput(string source, long accesses, IReadOnlyList<TraceRegion> regions, long distinctPages)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(regions);
        Source = source;
        Accesses = accesses;
        Regions = regions;
        DistinctPages = distinctPages;
    }

    /// <summary>Where the trace came from (the file name).</summary>
    public string Source { get; }

    /// <summary>
    /// The page touches, in trace order. A streamed input reads them all into memory at the first use (OPT does,
    /// to precompute next uses); a replay of any other policy streams them instead.
    /// </summary>
    public TraceReference[] References => _references ??= ReadAll();

    /// <summary>The number of page touches.</summary>
    public long ReferenceCount { get; }

    /// <summary>Whether the references are read from the file when replayed rather than held in memory.</summary>
    public bool IsStreamed => _open is not null && _references is null;

    /// <summary>Accesses (trace lines) the references were expanded from.</summary>
    public long Accesses { get; }

    /// <summary>The anonymous mappings that cover the touched pages, ascending.</summary>
    public IReadOnlyList<TraceRegion> Regions { get; }

    /// <summary>Distinct pages referenced.</summary>
    public long DistinctPages { get; }

    /// <summary>Starts reading the references from the first, in chunks.</summary>
    public ITraceReferenceReader OpenReferences() =>
        _references is { } references ? new ArrayReferenceReader(references) : _open!();

    private TraceReference[] ReadAll()
    {
        var all = new TraceReference[checked((int)ReferenceCount)];
        using var reader = _open!();
        var filled = 0;
        while (filled < all.Length && reader.Read(all.AsSpan(filled)) is var read and > 0)
        {
            filled += read;
        }

        if (filled != all.Length || reader.Read(new TraceReference[1]) != 0)
        {
            throw new InvalidOperationException($"{Source} changed since it was scanned: {ReferenceCount} references were counted");
        }

        return all;
    }
}
