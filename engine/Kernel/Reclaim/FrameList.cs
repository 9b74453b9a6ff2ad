using System.Runtime.CompilerServices;

namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>
/// A doubly linked list of frame numbers kept in two int arrays, so FIFO, LRU and Clock can move or remove
/// any frame in O(1) without allocating. Each frame is in the list at most once.
/// </summary>
internal sealed class FrameList
{
    private const int Nil = -1;
    private readonly int[] _next;
    private readonly int[] _previous;
    private readonly bool[] _contains;

    public FrameList(int capacity)
    {
        _next = new int[capacity];
        _previous = new int[capacity];
        _contains = new bool[capacity];
        Head = Tail = Nil;
    }

    /// <summary>The first frame, or −1 when empty.</summary>
    public int Head { get; private set; }

    /// <summary>The last frame, or −1 when empty.</summary>
    public int Tail { get; private set; }

    public int Count { get; private set; }

    public bool Contains(int frame) => _contains[frame];

    /// <summary>The frame after <paramref name="frame"/>, or −1 at the tail.</summary>
    public int Next(int frame) => _next[frame];

    public void AddLast(int frame) => InsertBefore(Nil, frame);

    /// <summary>Inserts <paramref name="frame"/> before <paramref name="before"/> (at the tail when it is −1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // on every LRU reference: see LruPolicy.Accessed
    public void InsertBefore(int before, int frame)
    {
        if (_contains[frame])
        {
            throw new InvalidOperationException($"Frame {frame} is already in the list.");
        }

        var after = before == Nil ? Tail : _previous[before];
        _next[frame] = before;
        _previous[frame] = after;
        if (after == Nil)
        {
            Head = frame;
        }
        else
        {
            _next[after] = frame;
        }

        if (before == Nil)
        {
            Tail = frame;
        }
        else
        {
            _previous[before] = frame;
        }

        _contains[frame] = true;
        Count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // on every LRU reference: see LruPolicy.Accessed
    public void Remove(int frame)
    {
        if (!_contains[frame])
        {
            return;
        }

        var before = _previous[frame];
        var after = _next[frame];
        if (before == Nil)
        {
            Head = after;
        }
        else
        {
            _next[before] = after;
        }

        if (after == Nil)
        {
            Tail = before;
        }
        else
        {
            _previous[after] = before;
        }

        _contains[frame] = false;
        Count--;
    }

    public int RemoveFirst()
    {
        var frame = Head;
        if (frame == Nil)
        {
            throw new InvalidOperationException("No page is resident, so there is nothing to evict.");
        }

        Remove(frame);
        return frame;
    }

    public int RemoveLast()
    {
        var frame = Tail;
        if (frame == Nil)
        {
            throw new InvalidOperationException("No page is resident, so there is nothing to evict.");
        }

        Remove(frame);
        return frame;
    }
}
