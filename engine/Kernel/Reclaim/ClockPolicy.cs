namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>
/// Clock (second chance). Resident pages sit on a circle in the order they were <b>loaded</b> — not in
/// frame-number order, the classic confusion — with a reference bit each, set by every access (loading
/// included). To evict, the hand sweeps: a page with its bit set loses the bit and is passed over; the
/// first page without it is the victim. The hand then rests on the page after the victim, and the next
/// page loaded joins the circle just behind the hand (where the victim was).
/// </summary>
public sealed class ClockPolicy : IReplacementPolicy
{
    private const int Nil = -1;
    private readonly FrameList _circle;
    private readonly bool[] _referenced;
    private int _hand = Nil;

    /// <summary>Creates the policy for frames 0 … <paramref name="capacity"/>−1.</summary>
    public ClockPolicy(int capacity)
    {
        _circle = new FrameList(capacity);
        _referenced = new bool[capacity];
    }

    /// <inheritdoc />
    public string Name => "clock";

    /// <summary>The frame the hand points at, or −1 when no page is resident.</summary>
    public int Hand => _hand == Nil ? _circle.Head : _hand;

    /// <summary>True when the page in <paramref name="frame"/> has its reference bit set.</summary>
    public bool IsReferenced(int frame) => _referenced[frame];

    /// <inheritdoc />
    public void Loaded(int frame)
    {
        _circle.InsertBefore(_hand, frame);
        _referenced[frame] = true;
    }

    /// <inheritdoc />
    public void Accessed(int frame) => _referenced[frame] = true;

    /// <inheritdoc />
    public void Removed(int frame)
    {
        if (_hand == frame)
        {
            _hand = _circle.Next(frame);
        }

        _circle.Remove(frame);
        _referenced[frame] = false;
    }

    /// <inheritdoc />
    public int ChooseVictim()
    {
        if (_circle.Count == 0)
        {
            throw new InvalidOperationException("No page is resident, so there is nothing to evict.");
        }

        var at = Hand;
        while (_referenced[at])
        {
            _referenced[at] = false;
            at = Following(at);
        }

        _hand = _circle.Next(at);
        _circle.Remove(at);
        return at;
    }

    private int Following(int frame) => _circle.Next(frame) == Nil ? _circle.Head : _circle.Next(frame);
}
