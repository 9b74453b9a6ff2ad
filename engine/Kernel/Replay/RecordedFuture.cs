using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// OPT for programs that are run rather than replayed: the first pass records the page of every reference
/// (<see cref="ReferenceRecorder"/>); the second runs the same programs again under OPT with this oracle, which
/// follows the recording reference by reference. The simulation is deterministic, but the schedule depends on
/// cycles and cycles on faults, so the second pass may reference pages in another order than the first: from the
/// first reference that differs (<see cref="DivergedAt"/>) OPT answers from the recorded future and is no longer
/// exactly optimal. A caller may then run again with the diverged pass's own references (<see cref="Actual"/>) as
/// the recording, until a pass follows its recording. Pages are named by virtual page number, so two processes'
/// pages at one address count as one.
/// </summary>
public sealed class RecordedFuture : IAccessObserver, INextUseOracle
{
    private readonly TraceReference[] _recorded;
    private readonly TraceFuture _future;
    private readonly int _pageShift;
    private readonly ReferenceRecorder _actual;
    private int _next;

    /// <summary>Builds the oracle from the first pass's recording.</summary>
    public RecordedFuture(ReferenceRecorder recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        _recorded = [.. recording.References];
        _pageShift = recording.PageShift;
        _future = new TraceFuture(_recorded, _pageShift);
        _actual = new ReferenceRecorder(_pageShift);
    }

    /// <summary>What this pass actually referenced: the recording for a further pass when this one diverged.</summary>
    public ReferenceRecorder Actual => _actual;

    /// <summary>The index of the first reference of the second pass that differed from the recording; null while none has.</summary>
    public long? DivergedAt { get; private set; }

    /// <summary>Tells the oracle which kernel's frames hold the pages (the kernel is built after the oracle).</summary>
    public void Bind(FrameTable frames) => _future.Bind(frames);

    /// <inheritdoc />
    public void Referencing(int pid, ulong va)
    {
        _actual.Referencing(pid, va);
        if (_next >= _recorded.Length)
        {
            DivergedAt ??= _next;
            return;
        }

        if (_recorded[_next].Page != va >> _pageShift)
        {
            DivergedAt ??= _next;
        }

        _future.At(_next++);
    }

    /// <inheritdoc />
    public long NextUse(int frame) => _future.NextUse(frame);
}

/// <summary>Records the page of every reference a kernel makes (the first pass of <see cref="RecordedFuture"/>).</summary>
/// <param name="pageShift">The machine's page shift.</param>
public sealed class ReferenceRecorder(int pageShift) : IAccessObserver
{
    private readonly List<TraceReference> _references = [];

    /// <summary>The machine's page shift.</summary>
    public int PageShift { get; } = pageShift;

    /// <summary>The pages referenced, in order.</summary>
    public IReadOnlyList<TraceReference> References => _references;

    /// <inheritdoc />
    public void Referencing(int pid, ulong va) => _references.Add(new TraceReference(va >> PageShift, AccessKind.Read));
}
