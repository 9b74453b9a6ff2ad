using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// One page touch of a replayed trace: the page's number and how it is touched. A trace access whose bytes
/// cross a page boundary becomes one reference per page, in address order (DESIGN.md §5).
/// <para>
/// Packed into 8 bytes (page number in the low 62 bits, kind in the top 2) so a trace of a hundred million
/// references expands to 800 MB rather than 1.6 GB. Page numbers of 64-bit addresses with 4 KiB pages need 52.
/// </para>
/// </summary>
public readonly record struct TraceReference
{
    private const int KindShift = 62;
    private const ulong PageMask = (1UL << KindShift) - 1;
    private readonly ulong _packed;

    /// <summary>Creates a reference.</summary>
    /// <param name="page">Virtual page number (virtual address shifted right by the page shift); below 2^62.</param>
    /// <param name="kind">Read, write or instruction fetch; a lackey modify (<c>M</c>) is a write, which needs and
    /// implies read access, so one reference both reads and writes as the hardware's single access does.</param>
    public TraceReference(ulong page, AccessKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(page, PageMask);
        _packed = page | ((ulong)kind << KindShift);
    }

    /// <summary>The virtual page number.</summary>
    public ulong Page => _packed & PageMask;

    /// <summary>How the page is touched.</summary>
    public AccessKind Kind => (AccessKind)(_packed >> KindShift);
}
