namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>
/// Belady's OPT: evicts the page whose next use is furthest in the future (never used again counts as
/// furthest). It needs the future, so it runs only where the whole reference stream is known — trace
/// replays and scoring, where it gives the lower bound on faults. Ties (e.g. several pages never used
/// again) go to the page loaded earliest, so runs are deterministic.
/// <para>
/// Cost: O(log n) per access — a max-heap of (next use, load order) whose stale entries are skipped
/// lazily when they reach the top.
/// </para>
/// </summary>
public sealed class OptimalPolicy : IReplacementPolicy
{
    private readonly INextUseOracle _oracle;
    private readonly PriorityQueue<(int Frame, long Stamp), (long NextUse, long LoadOrder)> _heap;
    private readonly long[] _stamp;
    private readonly long[] _loadOrder;
    private readonly bool[] _resident;
    private readonly List<((int, long), (long, long))> _live = [];
    private long _nextStamp;
    private long _loads;

    /// <summary>Creates the policy for frames 0 … <paramref name="capacity"/>−1, asking <paramref name="oracle"/> about the future.</summary>
    public OptimalPolicy(int capacity, INextUseOracle oracle)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        _oracle = oracle;
        _heap = new PriorityQueue<(int, long), (long, long)>(Comparer<(long NextUse, long LoadOrder)>.Create(
            static (a, b) => a.NextUse != b.NextUse ? b.NextUse.CompareTo(a.NextUse) : a.LoadOrder.CompareTo(b.LoadOrder)));
        _stamp = new long[capacity];
        _loadOrder = new long[capacity];
        _resident = new bool[capacity];
    }

    /// <inheritdoc />
    public string Name => "opt";

    /// <inheritdoc />
    public void Loaded(int frame)
    {
        _resident[frame] = true;
        _loadOrder[frame] = _loads++;
        Push(frame);
    }

    /// <inheritdoc />
    public void Accessed(int frame) => Push(frame);

    /// <inheritdoc />
    public void Removed(int frame)
    {
        _resident[frame] = false;
        _stamp[frame] = ++_nextStamp;
    }

    /// <inheritdoc />
    public int ChooseVictim()
    {
        while (_heap.TryDequeue(out var entry, out _))
        {
            if (_resident[entry.Frame] && _stamp[entry.Frame] == entry.Stamp)
            {
                Removed(entry.Frame);
                return entry.Frame;
            }
        }

        throw new InvalidOperationException("No page is _resident, so there is nothing to evict.");
    }

    // Each access re-keys the frame: the old heap entry becomes stale (its stamp no longer matches).
    private void Push(int frame)
    {
        _stamp[frame] = ++_nextStamp;
        _heap.Enqueue((frame, _stamp[frame]), (_oracle.NextUse(frame), _loadOrder[frame]));
        if (_heap.Count > 4 * _resident.Length + 64)
        {
            Compact();
        }
    }

    // Keeps the heap proportional to the number of frames on long traces full of hits.
    private void Compact()
    {
        var live = _live;
        live.Clear();
        while (_heap.TryDequeue(out var entry, out var priority))
        {
            if (_resident[entry.Frame] && _stamp[entry.Frame] == entry.Stamp)
            {
                live.Add((entry, priority));
            }
        }

        _heap.EnqueueRange(live);
    }
}
