using VmQuest.Engine.Kernel.Faults;

namespace VmQuest.Play.FaultAction;

/// <summary>
/// The actions of a fault-action level (DESIGN.md §7 mechanic 2): what the player says the kernel must do for the
/// pending page fault, as replay action kinds, and which one the kernel's own handler takes for a fault.
/// </summary>
/// <remarks>
/// The handler distinguishes a page found in the page cache (or the swap cache) from one read from disk; for the
/// player both are "get it from where it lives": <see cref="FileRead"/> covers a file page whether or not it is
/// cached, <see cref="SwapIn"/> a swapped page whether or not the swap cache still holds it. Why a process must die
/// is part of the answer: <see cref="Sigsegv"/> takes <c>why=</c> one of <see cref="SegvReasons"/>.
/// </remarks>
public static class FaultActions
{
    /// <summary>Map a zeroed frame: an anonymous page's first touch.</summary>
    public const string DemandZero = "demand-zero";

    /// <summary>Fill the page from its file (through the page cache).</summary>
    public const string FileRead = "file-read";

    /// <summary>Read the page back from its swap slot (through the swap cache).</summary>
    public const string SwapIn = "swap-in";

    /// <summary>Copy a shared copy-on-write page to a new frame for the writer.</summary>
    public const string CowCopy = "cow-copy";

    /// <summary>Make the last sharer's copy-on-write page writable in place.</summary>
    public const string CowReuse = "cow-reuse";

    /// <summary>Grow the stack VMA down over the address, then zero-fill the page.</summary>
    public const string GrowStack = "grow-stack";

    /// <summary>Kill the process with SIGSEGV (with <c>why=</c>).</summary>
    public const string Sigsegv = "sigsegv";

    /// <summary>Kill the process with SIGBUS: a file page wholly past the end of its file.</summary>
    public const string Sigbus = "sigbus";

    /// <summary>Every action kind, in the order of the panel's keys 1–8.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [DemandZero, FileRead, SwapIn, CowCopy, CowReuse, GrowStack, Sigsegv, Sigbus];

    /// <summary>The reasons <c>sigsegv why=</c> takes, in the order of <see cref="SegvOutcomes"/>.</summary>
    public static IReadOnlyList<string> SegvReasons { get; } = ["no-mapping", "read-only", "no-exec", "no-read", "kernel-address"];

    /// <summary>The handler's SIGSEGV outcomes, one per reason of <see cref="SegvReasons"/>.</summary>
    public static IReadOnlyList<FaultOutcome> SegvOutcomes { get; } =
        [FaultOutcome.SegvNoMapping, FaultOutcome.SegvWriteProtected, FaultOutcome.SegvNoExecute, FaultOutcome.SegvNoRead, FaultOutcome.SegvKernelAddress];

    /// <summary>
    /// The action (and, for SIGSEGV, the reason) that matches what the handler forecasts for the fault: the one
    /// right answer. Null for a fault the player is never asked about (spurious, out of memory, waiting, and the
    /// general-protection exception of a non-canonical address, which is no page fault at all).
    /// </summary>
    public static (string Kind, string? Why)? Expected(FaultForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        return forecast.Outcome switch
        {
            FaultOutcome.DemandZero => (DemandZero, null),
            FaultOutcome.FileRead => (FileRead, null),
            FaultOutcome.SwapIn => (SwapIn, null),
            FaultOutcome.PageCacheHit => (forecast.Source == FaultSource.Swap ? SwapIn : FileRead, null),
            FaultOutcome.CowCopy => (CowCopy, null),
            FaultOutcome.CowReuse or FaultOutcome.SharedWriteNotify => (CowReuse, null),
            FaultOutcome.StackGrowth => (GrowStack, null),
            FaultOutcome.SigBusPastEndOfFile => (Sigbus, null),
            // #GP is not a page fault: the handler never sees it, so no one is asked.
            var o when o.IsSegv() && o != FaultOutcome.SegvGeneralProtection => (Sigsegv, SegvReasons[SegvOutcomes.ToList().IndexOf(o)]),
            _ => null,
        };
    }
}
