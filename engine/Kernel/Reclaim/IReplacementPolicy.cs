namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>
/// Chooses which resident page to evict when memory is full. Pages are identified by the frame that holds
/// them (0 … capacity−1). The kernel reports every load, access and free; the policy keeps whatever order
/// it needs. Guarantees of every implementation: <see cref="ChooseVictim"/> returns a resident frame and
/// removes it from the policy's bookkeeping; all operations are deterministic (randomness comes from the
/// seeded generator passed in).
/// </summary>
public interface IReplacementPolicy
{
    /// <summary>The policy's name as the command line spells it (<c>fifo</c>, <c>lru</c>, …).</summary>
    string Name { get; }

    /// <summary>A page was loaded into <paramref name="frame"/> (it was not resident). Loading counts as an access.</summary>
    void Loaded(int frame);

    /// <summary>The page in <paramref name="frame"/> was accessed while resident.</summary>
    void Accessed(int frame);

    /// <summary>The page in <paramref name="frame"/> left memory for another reason (unmap, exit).</summary>
    void Removed(int frame);

    /// <summary>Picks the frame to evict, and forgets it; throws <see cref="InvalidOperationException"/> if none is resident.</summary>
    int ChooseVictim();
}

/// <summary>Tells Belady's OPT when each resident page will next be used (it needs the future).</summary>
public interface INextUseOracle
{
    /// <summary>The reference index at which the page now in <paramref name="frame"/> is next used; <see cref="long.MaxValue"/> if never.</summary>
    long NextUse(int frame);
}
