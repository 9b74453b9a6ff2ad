namespace VmQuest.Levels.Model;

/// <summary>
/// The kernel's configuration for a level, with every default already filled in (so the hash sees the values
/// the simulation uses, whether or not the file spelled them out).
/// </summary>
/// <param name="Policy">Replacement policy, one of <c>ReplacementPolicies.Names</c>; default <c>lru</c>.</param>
/// <param name="TlbEntries">TLB entries (0 = no TLB); default the machine's.</param>
/// <param name="TlbWays">TLB associativity; default the machine's (or min(entries, 4) when only entries are given).</param>
/// <param name="Pcid">Whether CR3 loads keep TLB entries tagged by PCID; default the machine's.</param>
/// <param name="SwapSlots">Swap slots of one page each; default 65,536.</param>
/// <param name="TimeSlice">Round-robin time slice in cycles; default 200,000.</param>
public sealed record LevelKernel(string Policy, int TlbEntries, int TlbWays, bool Pcid, int SwapSlots, long TimeSlice);
