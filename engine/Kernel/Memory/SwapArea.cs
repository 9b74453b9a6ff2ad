namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// The swap device (the city's harbour): numbered slots holding evicted pages' contents. A slot is
/// referenced by every PTE that holds its swap entry (pages shared after fork share one slot) and is freed
/// when the last reference goes. Slots are handed out lowest first, so runs are deterministic.
/// </summary>
public sealed class SwapArea
{
    private readonly int[] _references;
    private readonly byte[]?[] _contents;
    private int _searchFrom;

    /// <summary>Creates a swap area of <paramref name="slots"/> slots (slot 0 is never used, so a swap entry is never 0).</summary>
    public SwapArea(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 2);
        _references = new int[slots];
        _contents = new byte[]?[slots];
        _searchFrom = 1;
    }

    /// <summary>Total slots, slot 0 included.</summary>
    public int Capacity => _references.Length;

    /// <summary>Slots in use.</summary>
    public int Used { get; private set; }

    /// <summary>Pages written to swap so far.</summary>
    public long PagesOut { get; private set; }

    /// <summary>Pages read back from swap so far.</summary>
    public long PagesIn { get; private set; }

    /// <summary>References to <paramref name="slot"/>.</summary>
    public int ReferencesOf(ulong slot) => _references[slot];

    /// <summary>
    /// Stores a page (null contents = all zeros) in a free slot with <paramref name="references"/> references;
    /// returns the slot, or null when swap is full.
    /// </summary>
    public ulong? Store(byte[]? contents, int references)
    {
        for (var slot = _searchFrom; slot < _references.Length; slot++)
        {
            if (_references[slot] == 0)
            {
                _references[slot] = references;
                _contents[slot] = contents;
                _searchFrom = slot + 1;
                Used++;
                PagesOut++;
                return (ulong)slot;
            }
        }

        return null;
    }

    /// <summary>The contents stored in <paramref name="slot"/> (null = zeros), counting a page-in.</summary>
    public byte[]? Load(ulong slot)
    {
        PagesIn++;
        return _contents[slot];
    }

    /// <summary>One more PTE holds the slot (fork copied a swap entry).</summary>
    public void AddReference(ulong slot) => _references[slot]++;

    /// <summary>One PTE fewer holds the slot; the slot is freed at zero.</summary>
    public void DropReference(ulong slot)
    {
        if (_references[slot] <= 0)
        {
            throw new InvalidOperationException($"swap slot {slot} is not in use");
        }

        if (--_references[slot] == 0)
        {
            _contents[slot] = null;
            Used--;
            _searchFrom = Math.Min(_searchFrom, (int)slot);
        }
    }
}
