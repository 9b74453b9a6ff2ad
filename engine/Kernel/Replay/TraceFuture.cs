using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Reclaim;

namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// The future of a trace, for OPT: the index of each reference's next use of the same page, precomputed
/// backwards in one pass. During the replay <see cref="At"/> marks the reference being made; asked about a frame,
/// the oracle finds the page it holds (anonymous frames remember their address) and answers that page's next
/// use after its latest reference. O(n) memory, O(1) per answer (no lookup for the page being referenced, which is
/// what the kernel asks about; one dictionary lookup otherwise).
/// </summary>
public sealed class TraceFuture : INextUseOracle
{
    private readonly long[] _nextUse;
    private readonly int[] _pageIdOf;
    private readonly long[] _latestReferenceOf;
    private readonly Dictionary<ulong, int> _idOfPage = [];
    private readonly ulong[] _pageOfId;
    private readonly int _pageShift;
    private FrameTable? _frames;
    private int _now = -1;

    /// <summary>Precomputes next uses for <paramref name="references"/>.</summary>
    public TraceFuture(ReadOnlySpan<TraceReference> references, int pageShift)
    {
        _pageShift = pageShift;
        _nextUse = new long[references.Length];
        _pageIdOf = new int[references.Length];
        for (var t = 0; t < references.Length; t++)
        {
            if (!_idOfPage.TryGetValue(references[t].Page, out var id))
            {
                id = _idOfPage.Count;
                _idOfPage.Add(references[t].Page, id);
            }

            _pageIdOf[t] = id;
        }

        var following = new long[_idOfPage.Count];
        Array.Fill(following, long.MaxValue);
        for (var t = references.Length - 1; t >= 0; t--)
        {
            _nextUse[t] = following[_pageIdOf[t]];
            following[_pageIdOf[t]] = t;
        }

        _latestReferenceOf = new long[_idOfPage.Count];
        Array.Fill(_latestReferenceOf, -1);
        _pageOfId = new ulong[_idOfPage.Count];
        foreach (var (page, id) in _idOfPage)
        {
            _pageOfId[id] = page;
        }
    }

    /// <summary>Tells the oracle which kernel's frames to look pages up in (the kernel is built after the oracle).</summary>
    public void Bind(FrameTable frames) => _frames = frames;

    /// <summary>Marks reference <paramref name="t"/> as the one being made now.</summary>
    public void At(int t)
    {
        _latestReferenceOf[_pageIdOf[t]] = t;
        _now = t;
    }

    /// <inheritdoc />
    public long NextUse(int frame)
    {
        var frames = _frames ?? throw new InvalidOperationException("the trace future is not bound to a kernel's frames");
        var page = frames.VirtualAddressOf((ulong)frame) >> _pageShift;
        // The kernel asks about the page being referenced now (it was just loaded or accessed): no lookup.
        if (_now >= 0 && _pageOfId[_pageIdOf[_now]] == page)
        {
            return _nextUse[_now];
        }

        if (!_idOfPage.TryGetValue(page, out var id) || _latestReferenceOf[id] < 0)
        {
            return long.MaxValue;
        }

        return _nextUse[_latestReferenceOf[id]];
    }
}
