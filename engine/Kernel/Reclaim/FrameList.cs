namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>
/// A doubly linked list of frame numbers kept in two int arrays, so FIFO, LRU and Clock can move or remove
/// any frame in O(1) without allocating. Each frame is in the list at most once.
/// </summary>
internal sealed class FrameList
{
    private const int Nil = -1;
    private readonly int[] next;
    private readonly int[] previous;
    private readonly bool[] contains;

    public FrameList(int capacity)
    {
        next = new int[capacity];
        previous = new int[capacity];
        contains = new bool[capacity];
        Head = Tail = Nil;
    }

    /// <summary>The first frame, or −1 when empty.</summary>
    public int Head { get; private set; }

    /// <summary>The last frame, or −1 when empty.</summary>
    public int Tail { get; private set; }

    public int Count { get; private set; }

    public bool Contains(int frame) => contains[frame];

    /// <summary>The frame after <paramref name="frame"/>, or −1 at the tail.</summary>
    public int Next(int frame) => next[frame];

    public void AddLast(int frame) => InsertBefore(Nil, frame);

    /// <summary>Inserts <paramref name="frame"/> before <paramref name="before"/> (at the tail when it is −1).</summary>
    public void InsertBefore(int before, int frame)
    {
        if (contains[frame])
        {
            throw new InvalidOperationException($"Frame {frame} is already in the list.");
        }

        var after = before == Nil ? Tail : previous[before];
        next[frame] = before;
        previous[frame] = after;
        if (after == Nil)
        {
            Head = frame;
        }
        else
        {
            next[after] = frame;
        }

        if (before == Nil)
        {
            Tail = frame;
        }
        else
        {
            previous[before] = frame;
        }

        contains[frame] = true;
        Count++;
    }

    public void Remove(int frame)
    {
        if (!contains[frame])
        {
            return;
        }

        var before = previous[frame];
        var after = next[frame];
        if (before == Nil)
        {
            Head = after;
        }
        else
        {
            next[before] = after;
        }

        if (after == Nil)
        {
            Tail = before;
        }
        else
        {
            previous[after] = before;
        }

        contains[frame] = false;
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
