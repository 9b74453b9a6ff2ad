namespace VmQuest.Engine.Machine.Description;

/// <summary>
/// One level of a radix page table, root first. Guarantees: <see cref="IndexBits"/> is between 1 and 20 and a
/// table at this level holds exactly <c>2^IndexBits</c> entries stored contiguously in physical memory.
/// </summary>
/// <param name="Name">Linux-style name shown to the player (PGD, P4D, PUD, PMD, PTE, or the format's own).</param>
/// <param name="IndexBits">How many virtual-address bits index this level.</param>
/// <param name="HugeAllowed">Whether an entry at this level may map a huge page instead of a table.</param>
public sealed record LevelDescription(string Name, int IndexBits, bool HugeAllowed);
