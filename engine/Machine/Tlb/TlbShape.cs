namespace VmQuest.Engine.Machine.Tlb;

/// <summary>
/// Size and organisation of a TLB. Guarantees (checked by <see cref="Validate"/>): <see cref="Entries"/> is a
/// multiple of <see cref="Ways"/> and the number of sets is a power of two; 0 entries means no TLB at all.
/// </summary>
/// <param name="Entries">Total entries (0 disables the TLB).</param>
/// <param name="Ways">Associativity: entries per set (Entries for fully associative, 1 for direct mapped).</param>
/// <param name="Replacement">Victim choice in a full set.</param>
/// <param name="Pcid">Whether entries are tagged with a PCID (no flush on CR3 load).</param>
/// <param name="Seed">Seed of the <see cref="TlbReplacement.Random"/> policy.</param>
public sealed record TlbShape(int Entries, int Ways, TlbReplacement Replacement, bool Pcid, ulong Seed = 0x9E3779B97F4A7C15)
{
    /// <summary>A 64-entry, 4-way LRU TLB with PCIDs, roughly a modern L1 DTLB.</summary>
    public static TlbShape Default { get; } = new(64, 4, TlbReplacement.Lru, true);

    /// <summary>Number of sets (0 when the TLB is disabled).</summary>
    public int Sets => Entries == 0 ? 0 : Entries / Ways;

    /// <summary>Returns null when the shape is usable, else what is wrong with it in one sentence.</summary>
    public string? Validate()
    {
        if (Entries == 0)
        {
            return null;
        }

        if (Entries < 0 || Ways <= 0 || Entries % Ways != 0)
        {
            return $"TLB entries ({Entries}) must be a positive multiple of ways ({Ways})";
        }

        int sets = Entries / Ways;
        return (sets & (sets - 1)) != 0 ? $"TLB sets (entries / ways = {sets}) must be a power of two" : null;
    }
}
