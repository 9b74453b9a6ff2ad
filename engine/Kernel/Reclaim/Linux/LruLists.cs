namespace VmQuest.Engine.Kernel.Reclaim.Linux;

/// <summary>
/// The four LRU lists of <see cref="LruList"/> over frame numbers, as Linux's <c>lruvec</c> holds them: doubly linked
/// through two shared int arrays, so a frame is on at most one list by construction (its <see cref="ListOf"/>) and
/// moves between lists in O(1) without allocating. The head is the most recently added end (<c>list_add</c>); reclaim
/// takes from the tail (<c>lru_to_folio</c>).
/// </summary>
internal sealed class LruLists
{
    /// <summary>What <see cref="ListOf"/> answers for a frame on no list.</summary>
    public const int None = -1;

    private const int Nil = -1;
    private const int Lists = 4;
    private readonly int[] _next;
    private readonly int[] _previous;
    private readonly sbyte[] _list;
    private readonly int[] _head = [Nil, Nil, Nil, Nil];
    private readonly int[] _tail = [Nil, Nil, Nil, Nil];
    private readonly int[] _count = new int[Lists];

    public LruLists(int capacity)
    {
        _next = new int[capacity];
        _previous = new int[capacity];
        _list = new sbyte[capacity];
        Array.Fill(_list, (sbyte)None);
    }

    /// <summary>The frames the lists can hold (0 … capacity−1).</summary>
    public int Capacity => _list.Length;

    /// <summary>The list <paramref name="frame"/> is on, as an <see cref="LruList"/> value, or <see cref="None"/>.</summary>
    public int ListOf(int frame) => _list[frame];

    /// <summary>How many frames <paramref name="list"/> holds (Linux's <c>lruvec_page_state(NR_LRU_BASE + lru)</c>).</summary>
    public int Count(LruList list) => _count[(int)list];

    /// <summary>Frames on any list.</summary>
    public int Total => _count[0] + _count[1] + _count[2] + _count[3];

    /// <summary>The oldest frame of <paramref name="list"/> (the next reclaim looks at), or −1 when it is empty.</summary>
    public int Tail(LruList list) => _tail[(int)list];

    /// <summary>The frame after <paramref name="frame"/> towards the tail, or −1.</summary>
    public int Next(int frame) => _next[frame];

    /// <summary>The head of <paramref name="list"/> (the newest frame), or −1.</summary>
    public int Head(LruList list) => _head[(int)list];

    /// <summary>Puts <paramref name="frame"/> at the head of <paramref name="list"/>, taking it off any list it is on first.</summary>
    public void AddHead(LruList list, int frame)
    {
        Remove(frame);
        var l = (int)list;
        var first = _head[l];
        _previous[frame] = Nil;
        _next[frame] = first;
        if (first == Nil)
        {
            _tail[l] = frame;
        }
        else
        {
            _previous[first] = frame;
        }

        _head[l] = frame;
        _list[frame] = (sbyte)l;
        _count[l]++;
    }

    /// <summary>Takes <paramref name="frame"/> off its list; nothing when it is on none.</summary>
    public void Remove(int frame)
    {
        var l = _list[frame];
        if (l == None)
        {
            return;
        }

        var before = _previous[frame];
        var after = _next[frame];
        if (before == Nil)
        {
            _head[l] = after;
        }
        else
        {
            _next[before] = after;
        }

        if (after == Nil)
        {
            _tail[l] = before;
        }
        else
        {
            _previous[after] = before;
        }

        _list[frame] = (sbyte)None;
        _count[l]--;
    }
}
