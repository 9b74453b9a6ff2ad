namespace VmQuest.Play.Policy.Language;

/// <summary>One resident user page as the policy sees it, with the registers it keeps for it.</summary>
/// <remarks>Invariant: <see cref="Loaded"/> is unique among resident pages (stamps only grow).</remarks>
public sealed class PolicyPage(ulong frame, int owner, long page, bool isFile, long loaded, int registers)
{
    /// <summary>The frame holding the page.</summary>
    public ulong Frame { get; } = frame;

    /// <summary>The pid the page belongs to.</summary>
    public int Owner { get; } = owner;

    /// <summary>Its virtual page number (the reference string's page number on a trace).</summary>
    public long Page { get; } = page;

    /// <summary>A page of a file (true) or anonymous memory.</summary>
    public bool IsFile { get; } = isFile;

    /// <summary>Its load stamp.</summary>
    public long Loaded { get; } = loaded;

    /// <summary>The policy's registers for the page, 0 when it is loaded.</summary>
    public long[] Registers { get; } = new long[registers];
}

/// <summary>What the interpreter reads and changes: the resident pages and their PTE bits, the clock and the stamp counter.</summary>
public interface IPolicyMemory
{
    /// <summary>The resident user pages, oldest (smallest load stamp) first.</summary>
    IReadOnlyList<PolicyPage> Pages { get; }

    /// <summary>The current tick (index of the reference being made).</summary>
    long Now { get; }

    /// <summary>The page's accessed bit in its PTE now (0 or 1).</summary>
    long Accessed(PolicyPage page);

    /// <summary>The page's dirty bit in its PTE now (0 or 1).</summary>
    long Dirty(PolicyPage page);

    /// <summary>Clears the page's accessed bit (and its TLB entry, so the next use sets the bit again).</summary>
    void ClearAccessed(PolicyPage page);

    /// <summary>A fresh stamp: one more than the last one given.</summary>
    long NextStamp();
}
