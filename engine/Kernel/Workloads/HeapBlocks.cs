namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// One process's malloc bookkeeping, for glibc's checks on free: the blocks malloc returned that are still live,
/// and the ones already freed. A fork copies it (the child inherits the heap). Grows by one entry per malloc,
/// so its size is bounded by the run's step limit.
/// </summary>
public sealed class HeapBlocks
{
    private readonly HashSet<long> _live;
    private readonly HashSet<long> _freed;

    /// <summary>An empty heap.</summary>
    public HeapBlocks()
    {
        _live = [];
        _freed = [];
    }

    private HeapBlocks(HeapBlocks other)
    {
        _live = [.. other._live];
        _freed = [.. other._freed];
    }

    /// <summary>malloc returned <paramref name="address"/>: it is live (again, if an earlier block there was freed).</summary>
    public void Allocated(long address)
    {
        _live.Add(address);
        _freed.Remove(address);
    }

    /// <summary>
    /// Frees the block at <paramref name="address"/>. Returns null when it was live, else glibc's message:
    /// <c>free(): double free detected in tcache 2</c> for a block already freed, <c>free(): invalid pointer</c>
    /// for an address malloc never returned.
    /// </summary>
    public string? Free(long address)
    {
        if (_live.Remove(address))
        {
            _freed.Add(address);
            return null;
        }

        return _freed.Contains(address) ? "free(): double free detected in tcache 2" : "free(): invalid pointer";
    }

    /// <summary>An independent copy (fork).</summary>
    public HeapBlocks Clone() => new(this);
}
