using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Play.Translate;

/// <summary>
/// The address the player is translating now: the program's next memory access, what the MMU's own walk does with
/// it (every entry it reads and where it stops) and whether the TLB would answer it, and how far the player's walk
/// has got. Invariant: 0 ≤ <see cref="EntriesRead"/> ≤ <see cref="Steps"/>.Count; the entries read are exactly the
/// first <see cref="EntriesRead"/> steps of the MMU's walk (a wrong click is refused, never recorded here).
/// </summary>
public sealed class PendingTranslation
{
    internal PendingTranslation(ulong va, AccessKind access, int line, Translation outcome, IReadOnlyList<WalkStep> steps, ulong? tlbAnswer)
    {
        VirtualAddress = va;
        Access = access;
        Line = line;
        Outcome = outcome;
        Steps = steps;
        TlbAnswer = tlbAnswer;
    }

    /// <summary>The virtual address the program accesses (its first byte).</summary>
    public ulong VirtualAddress { get; }

    /// <summary>Read, write or instruction fetch.</summary>
    public AccessKind Access { get; }

    /// <summary>The line of the level's program that makes the access.</summary>
    public int Line { get; }

    /// <summary>What the page walker does with the access now: the physical address, or the fault and its level.</summary>
    public Translation Outcome { get; }

    /// <summary>Every entry the walker reads, root first; the last is where the walk stops (the leaf or the faulting entry).</summary>
    public IReadOnlyList<WalkStep> Steps { get; }

    /// <summary>The physical address the TLB gives without a walk, or null when the TLB cannot answer this access.</summary>
    public ulong? TlbAnswer { get; }

    /// <summary>How many levels of the walk the player has read (correctly) so far.</summary>
    public int EntriesRead { get; internal set; }

    /// <summary>Whether the player's walk has read every entry the MMU reads.</summary>
    public bool WalkComplete => EntriesRead == Steps.Count;

    /// <summary>The fewest actions that answer this translation: one from the TLB, else one per entry plus the answer.</summary>
    public int MinimumActions => TlbAnswer is null ? Steps.Count + 1 : 1;

    /// <summary>The word a correct <c>fault</c> answer names, or null when the access translates.</summary>
    public string? FaultWord => FaultWords.Of(Outcome.Fault);
}
