namespace VmQuest.Engine.Formats.Lackey;

/// <summary>
/// One lackey trace line: an access of <see cref="Size"/> bytes at <see cref="Address"/>.
/// </summary>
/// <remarks>
/// Invariants (enforced by <see cref="LackeyTraceReader"/>): <c>Size &gt;= 1</c> and
/// <c>Address + Size - 1</c> does not overflow 64 bits.
/// </remarks>
/// <param name="Kind">Instruction fetch, load, store or modify.</param>
/// <param name="Address">First byte accessed.</param>
/// <param name="Size">Number of bytes accessed (at least 1).</param>
public readonly record struct LackeyAccess(LackeyAccessKind Kind, ulong Address, uint Size)
{
    /// <summary>Whether the access reads memory (<c>I</c>, <c>L</c>, <c>M</c>).</summary>
    public bool IsRead => Kind != LackeyAccessKind.Store;

    /// <summary>Whether the access writes memory (<c>S</c>, <c>M</c>).</summary>
    public bool IsWrite => Kind is LackeyAccessKind.Store or LackeyAccessKind.Modify;

    /// <summary>Whether it is an instruction fetch (the page must be executable).</summary>
    public bool IsInstruction => Kind == LackeyAccessKind.Instruction;

    /// <summary>Address of the last byte accessed.</summary>
    public ulong LastAddress => Address + Size - 1;

    /// <summary>
    /// The pages this access touches, in ascending order: one page normally, more when its bytes cross a page
    /// boundary (DESIGN.md §5).
    /// </summary>
    /// <param name="pageShift">log2 of the page size (12 for 4 KiB pages).</param>
    /// <returns>The page-number range; enumerate it with <c>foreach</c> without allocating.</returns>
    public PageSpan Pages(int pageShift)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageShift);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageShift, 63);
        return new PageSpan(Address >> pageShift, LastAddress >> pageShift);
    }
}
