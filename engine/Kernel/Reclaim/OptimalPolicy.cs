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
    private readonly INextUseOracle oracle;
    private readonly PriorityQueue<(int Frame, long Stamp), (long NextUse, long LoadOrder)> heap;
    private readonly long[] stamp;
    private readonly long[] loadOrder;
    private readonly bool[] resident;
    private long nextStamp;
    private long loads;

    /// <summary>Creates the policy for frames 0 … <paramref name="capacity"/>−1, asking <paramref name="oracle"/> about the future.</summary>
    public OptimalPolicy(int capacity, INextUseOracle oracle)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        this.oracle = oracle;
        heap = new PriorityQueue<(int, long), (long, long)>(Comparer<(long NextUse, long LoadOrder)>.Create(
            static (a, b) => a.NextUse != b.NextUse ? b.NextUse.CompareTo(a.NextUse) : a.LoadOrder.CompareTo(b.LoadOrder)));
        stamp = new long[capacity];
        loadOrder = new long[capacity];
        resident = new bool[capacity];
    }

    /// <inheritdoc />
    public string Name => "opt";

    /// <inheritdoc />
    public void Loaded(int frame)
    {
        resident[frame] = true;
        loadOrder[frame] = loads++;
        Push(frame);
    }

    /// <inheritdoc />
    public void Accessed(int frame) => Push(frame);

    /// <inheritdoc />
    public void Removed(int frame)
    {
        resident[frame] = false;
        stamp[frame] = ++nextStamp;
    }

    /// <inheritdoc />
    public int ChooseVictim()
    {
        while (heap.TryDequeue(out var entry, out _))
        {
            if (resident[entry.Frame] && stamp[entry.Frame] == entry.Stamp)
            {
                Removed(entry.Frame);
                return entry.Frame;
            }
        }

        throw new InvalidOperationException("No page is resident, so there is nothing to evict.");
    }

    // Each access re-keys the frame: the old heap entry becomes stale (its stamp no longer matches).
    private void Push(int frame)
    {
        stamp[frame] = ++nextStamp;
        heap.Enqueue((frame, stamp[frame]), (oracle.NextUse(frame), loadOrder[frame]));
        if (heap.Count > 4 * resident.Length + 64)
        {
            Compact();
        }
    }

    // Keeps the heap proportional to the number of frames on long traces full of hits.
    private void Compact()
    {
        var live = new List<((int, long), (long, long))>();
        while (heap.TryDequeue(out var entry, out var priority))
        {
            if (resident[entry.Frame] && stamp[entry.Frame] == entry.Stamp)
            {
                live.Add((entry, priority));
            }
        }

        heap.EnqueueRange(live);
    }
}
