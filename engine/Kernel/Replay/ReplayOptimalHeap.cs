using System.Runtime.CompilerServices;

namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// Belady's OPT for the textbook replay: the resident pages in an indexed max-heap keyed by next use (never again
/// is furthest), ties to the page loaded earliest — the order of the kernel's <see cref="Reclaim.OptimalPolicy"/>.
/// A page's key is the next use after its latest reference, set at the end of each run of touches (the key only
/// grows, so it only sifts up); no stale entries, so the heap holds exactly the resident pages.
/// </summary>
internal sealed class ReplayOptimalHeap
{
    private readonly int[] _heap;
    private readonly int[] _position;
    private readonly int[] _nextUse;
    private readonly long[] _loadOrder;
    private int _count;
    private long _loads;

    /// <summary>Creates an empty heap for pages 0 … <paramref name="pages"/>−1.</summary>
    public ReplayOptimalHeap(int pages)
    {
        _heap = new int[pages];
        _position = new int[pages];
        _nextUse = new int[pages];
        _loadOrder = new long[pages];
    }

    /// <summary>Page <paramref name="id"/> became resident; its next use is <paramref name="nextUse"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Loaded(int id, int nextUse)
    {
        _loadOrder[id] = _loads++;
        _nextUse[id] = nextUse;
        _position[id] = _count;
        _heap[_count++] = id;
        SiftUp(_position[id]);
    }

    /// <summary>Resident page <paramref name="id"/>'s next use moved later, to <paramref name="nextUse"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Rekey(int id, int nextUse)
    {
        _nextUse[id] = nextUse;
        SiftUp(_position[id]);
    }

    /// <summary>Removes and returns the page used furthest in the future.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int RemoveFurthest()
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("No page is resident, so there is nothing to evict.");
        }

        var victim = _heap[0];
        var last = _heap[--_count];
        if (_count > 0)
        {
            _heap[0] = last;
            _position[last] = 0;
            SiftDown(0);
        }

        return victim;
    }

    // Whether a is evicted before b.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Before(int a, int b) =>
        _nextUse[a] != _nextUse[b] ? _nextUse[a] > _nextUse[b] : _loadOrder[a] < _loadOrder[b];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SiftUp(int at)
    {
        var id = _heap[at];
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            var above = _heap[parent];
            if (!Before(id, above))
            {
                break;
            }

            _heap[at] = above;
            _position[above] = at;
            at = parent;
        }

        _heap[at] = id;
        _position[id] = at;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SiftDown(int at)
    {
        var id = _heap[at];
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && Before(_heap[child + 1], _heap[child]))
            {
                child++;
            }

            if (!Before(_heap[child], id))
            {
                break;
            }

            _heap[at] = _heap[child];
            _position[_heap[at]] = at;
            at = child;
        }

        _heap[at] = id;
        _position[id] = at;
    }
}
