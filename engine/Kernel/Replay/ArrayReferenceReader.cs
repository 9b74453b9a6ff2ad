namespace VmQuest.Engine.Kernel.Replay;

/// <summary>Reads the references of a trace already in memory (a level's reference string, a test's array).</summary>
internal sealed class ArrayReferenceReader(TraceReference[] references) : ITraceReferenceReader
{
    private int _next;

    /// <inheritdoc />
    public int Read(Span<TraceReference> buffer)
    {
        var count = Math.Min(buffer.Length, references.Length - _next);
        references.AsSpan(_next, count).CopyTo(buffer);
        _next += count;
        return count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
