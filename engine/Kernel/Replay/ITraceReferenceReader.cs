namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// A trace's references read in chunks, in trace order, so a replay needs memory for one chunk rather than for
/// the whole trace (<see cref="TraceInput.OpenReferences"/>).
/// </summary>
public interface ITraceReferenceReader : IDisposable
{
    /// <summary>Fills <paramref name="buffer"/> with the next references; 0 once the trace has ended.</summary>
    int Read(Span<TraceReference> buffer);
}
