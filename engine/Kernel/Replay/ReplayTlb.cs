using System.Runtime.CompilerServices;

namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// The textbook replay's TLB: the machine's set-associative LRU TLB (<see cref="Machine.Tlb.TranslationLookasideBuffer"/>)
/// reduced to what a one-process trace of 4 KiB pages can reach — one PCID, no global or huge entries, every page
/// user-accessible, writable and executable where its region allows (so only the dirty bit can refuse a cached
/// translation). Same sets, ways, victim choice (the first empty way, else the least recently used) and stamps,
/// so the same references hit and miss. Each entry also caches the page's dense id, the way a real TLB caches the
/// frame, so a hit needs no page-table lookup. Allocation-free after construction.
/// </summary>
internal sealed class ReplayTlb
{
    /// <summary>The page number of an empty way (page numbers of 64-bit addresses have at most 52 bits).</summary>
    public const ulong Empty = ulong.MaxValue;

    private readonly ulong _setMask;

    /// <summary>Creates an empty TLB of <paramref name="entries"/> entries in sets of <paramref name="ways"/> (0 entries: no TLB).</summary>
    public ReplayTlb(int entries, int ways)
    {
        Enabled = entries > 0;
        Ways = Math.Max(1, ways);
        var n = Math.Max(entries, 1);
        _setMask = (ulong)Math.Max(1, n / Ways) - 1;
        Pages = new ulong[n];
        Stamps = new ulong[n];
        Ids = new int[n];
        Dirty = new bool[n];
        Array.Fill(Pages, Empty);
    }

    /// <summary>Whether there is a TLB at all (without one every translation walks and nothing is cached).</summary>
    public bool Enabled { get; }

    /// <summary>Entries per set.</summary>
    public int Ways { get; }

    /// <summary>The page-number bits that select a set (sets − 1).</summary>
    public ulong SetMask => _setMask;

    /// <summary>The last stamp given; a replay loop may keep it in a local while it touches entries itself, and store it back.</summary>
    public ulong Clock { get; set; }

    /// <summary>The page each way caches (<see cref="Empty"/> when none), indexed by slot (set × ways + way).</summary>
    public ulong[] Pages { get; }

    /// <summary>When each slot was last used: the victim of a full set is the one with the smallest stamp.</summary>
    public ulong[] Stamps { get; }

    /// <summary>The dense id of the page each slot caches.</summary>
    public int[] Ids { get; }

    /// <summary>Whether the cached translation may be written through (the PTE was dirty when it was cached).</summary>
    public bool[] Dirty { get; }

    /// <summary>The first slot of <paramref name="page"/>'s set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SetOf(ulong page) => (int)(page & _setMask) * Ways;

    /// <summary>The slot caching <paramref name="page"/>, or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong page)
    {
        var pages = Pages;
        var set = SetOf(page);
        for (var slot = set; slot < set + Ways; slot++)
        {
            if (pages[slot] == page)
            {
                return slot;
            }
        }

        return -1;
    }

    /// <summary>A hit: the slot becomes the most recently used of its set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Touch(int slot) => Stamps[slot] = ++Clock;

    /// <summary>
    /// Caches <paramref name="page"/> after a successful walk in <paramref name="slot"/>, its own entry (a write
    /// through a clean one), or with −1 (not cached) in the first empty way of its set, else the least recently used.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(ulong page, int id, bool dirty, int slot)
    {
        if (!Enabled)
        {
            return;
        }

        if (slot < 0)
        {
            slot = ChooseVictim(SetOf(page));
        }

        Pages[slot] = page;
        Ids[slot] = id;
        Dirty[slot] = dirty;
        Stamps[slot] = ++Clock;
    }

    /// <summary><c>invlpg</c>: drops the entry of <paramref name="page"/>, if cached.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Drop(ulong page)
    {
        if (Enabled && Find(page) is var slot and >= 0)
        {
            Pages[slot] = Empty;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ChooseVictim(int set)
    {
        for (var slot = set; slot < set + Ways; slot++)
        {
            if (Pages[slot] == Empty)
            {
                return slot;
            }
        }

        var victim = set;
        for (var slot = set + 1; slot < set + Ways; slot++)
        {
            if (Stamps[slot] < Stamps[victim])
            {
                victim = slot;
            }
        }

        return victim;
    }
}
