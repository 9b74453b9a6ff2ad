namespace VmQuest.Engine.Machine.Costs;

/// <summary>
/// Cycle cost of every simulated operation (DESIGN.md §3). Integers only; defaults are roughly proportional to
/// a real machine. A machine file or a level overrides any subset with a <c>costs:</c> map.
/// </summary>
/// <param name="TlbHit">A TLB lookup (charged on every translation, hit or miss).</param>
/// <param name="WalkMemoryReference">Each page-table entry the walker reads from memory.</param>
/// <param name="MinorFault">A fault resolved without I/O (demand-zero page).</param>
/// <param name="CowCopy">Copying a page on a copy-on-write fault.</param>
/// <param name="MajorFault">A fault that reads from disk (file page or swap-in).</param>
/// <param name="ContextSwitch">Switching processes, excluding the TLB refills it causes.</param>
/// <param name="TlbFlush">Flushing the TLB (all, one PCID or one page).</param>
public sealed record CostTable(
    long TlbHit = 1,
    long WalkMemoryReference = 25,
    long MinorFault = 2_000,
    long CowCopy = 3_000,
    long MajorFault = 200_000,
    long ContextSwitch = 1_000,
    long TlbFlush = 100)
{
    /// <summary>The documented defaults.</summary>
    public static CostTable Default { get; } = new();

    /// <summary>The names a <c>costs:</c> map may use, in table order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["tlbHit", "walkMemoryReference", "minorFault", "cowCopy", "majorFault", "contextSwitch", "tlbFlush"];

    /// <summary>Returns a copy with the named cost replaced; throws <see cref="ArgumentException"/> for an unknown name.</summary>
    public CostTable With(string name, long cycles) => name switch
    {
        "tlbHit" => this with { TlbHit = cycles },
        "walkMemoryReference" => this with { WalkMemoryReference = cycles },
        "minorFault" => this with { MinorFault = cycles },
        "cowCopy" => this with { CowCopy = cycles },
        "majorFault" => this with { MajorFault = cycles },
        "contextSwitch" => this with { ContextSwitch = cycles },
        "tlbFlush" => this with { TlbFlush = cycles },
        _ => throw new ArgumentException($"unknown cost '{name}'", nameof(name)),
    };
}
