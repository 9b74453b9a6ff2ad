namespace VmQuest.Engine.Machine.Tlb;

/// <summary>Which way of a full TLB set a refill evicts. Every policy is deterministic.</summary>
public enum TlbReplacement
{
    /// <summary>Least recently used way (hits refresh an entry).</summary>
    Lru,

    /// <summary>Oldest filled way (hits do not refresh).</summary>
    Fifo,

    /// <summary>A way chosen by a seeded xorshift generator (same seed ⇒ same victims).</summary>
    Random,
}
