namespace VmQuest.Engine.Kernel.Faults;

/// <summary>How the page-fault handler resolved a fault — each case a real kernel distinguishes.</summary>
public enum FaultOutcome
{
    /// <summary>Anonymous page touched for the first time: a zeroed frame (minor fault).</summary>
    DemandZero,

    /// <summary>File page read from the file into a new page-cache frame (major fault).</summary>
    FileRead,

    /// <summary>File page already in the page cache: only the PTE was missing (minor fault).</summary>
    PageCacheHit,

    /// <summary>The page was in swap: read back into a frame (major fault).</summary>
    SwapIn,

    /// <summary>Write to a copy-on-write page still shared: copied to a private frame.</summary>
    CowCopy,

    /// <summary>Write to a copy-on-write page nobody else maps any more: made writable in place, no copy.</summary>
    CowReuse,

    /// <summary>
    /// Write to a present page of a shared file mapping that was mapped read-only so the kernel sees its first write
    /// (Linux's writenotify, <c>wp_page_shared</c>): made writable and dirty in place, no copy (minor fault).
    /// </summary>
    SharedWriteNotify,

    /// <summary>Just below the stack: the stack VMA grew down to cover it, then a demand-zero page.</summary>
    StackGrowth,

    /// <summary>The translation already works (another fault fixed it, or the TLB held a stale entry).</summary>
    Spurious,

    /// <summary>SIGSEGV: no VMA covers the address (a wild pointer).</summary>
    SegvNoMapping,

    /// <summary>SIGSEGV: a write to a mapping without write permission (text, rodata: the string literal).</summary>
    SegvWriteProtected,

    /// <summary>SIGSEGV: an instruction fetch from a mapping without execute permission (NX).</summary>
    SegvNoExecute,

    /// <summary>SIGSEGV: a read from a mapping without read permission (PROT_NONE).</summary>
    SegvNoRead,

    /// <summary>SIGSEGV: a user access to the kernel half of the address space.</summary>
    SegvKernelAddress,

    /// <summary>
    /// SIGBUS: a file mapping's page that lies wholly past the end of the file (Linux: the tail of the last page
    /// reads as zeros, a page entirely past EOF is a bus error). Not a SIGSEGV: the mapping allows the access.
    /// </summary>
    SigBusPastEndOfFile,

    /// <summary>No frame could be found (memory and swap full): the process is killed (the OOM killer).</summary>
    OutOfMemory,

    /// <summary>A decision is waiting for the player (which frame, which victim); nothing changed, retry later.</summary>
    AwaitingDecision,
}

/// <summary>Helpers over <see cref="FaultOutcome"/>.</summary>
public static class FaultOutcomes
{
    /// <summary>True for the outcomes that kill the process with SIGSEGV.</summary>
    public static bool IsSegv(this FaultOutcome outcome) =>
        outcome is FaultOutcome.SegvNoMapping or FaultOutcome.SegvWriteProtected or FaultOutcome.SegvNoExecute
            or FaultOutcome.SegvNoRead or FaultOutcome.SegvKernelAddress;

    /// <summary>True for the outcomes that end the process: SIGSEGV, SIGBUS, or out of memory (SIGKILL).</summary>
    public static bool IsFatal(this FaultOutcome outcome) =>
        outcome.IsSegv() || outcome is FaultOutcome.SigBusPastEndOfFile or FaultOutcome.OutOfMemory;

    /// <summary>True for faults that read from disk (file or swap).</summary>
    public static bool IsMajor(this FaultOutcome outcome) => outcome is FaultOutcome.FileRead or FaultOutcome.SwapIn;

    /// <summary>A short explanation for players and logs, e.g. "write to a read-only mapping".</summary>
    public static string Describe(this FaultOutcome outcome) => outcome switch
    {
        FaultOutcome.DemandZero => "demand-zero page (minor fault)",
        FaultOutcome.FileRead => "page read from its file (major fault)",
        FaultOutcome.PageCacheHit => "page found in the page cache (minor fault)",
        FaultOutcome.SwapIn => "page read back from swap (major fault)",
        FaultOutcome.CowCopy => "copy-on-write: page copied",
        FaultOutcome.CowReuse => "copy-on-write: last sharer, page reused without copying",
        FaultOutcome.SharedWriteNotify => "first write to a shared file page: made writable and dirty (minor fault)",
        FaultOutcome.StackGrowth => "stack grew down to cover the address",
        FaultOutcome.Spurious => "spurious fault: the mapping was already fixed",
        FaultOutcome.SegvNoMapping => "SIGSEGV: no mapping at this address",
        FaultOutcome.SegvWriteProtected => "SIGSEGV: write to a read-only mapping",
        FaultOutcome.SegvNoExecute => "SIGSEGV: instruction fetch from a no-execute mapping",
        FaultOutcome.SegvNoRead => "SIGSEGV: read from a mapping without read permission",
        FaultOutcome.SegvKernelAddress => "SIGSEGV: user access to the kernel half",
        FaultOutcome.SigBusPastEndOfFile => "SIGBUS: the page lies wholly past the end of the mapped file",
        FaultOutcome.OutOfMemory => "out of memory: killed by the OOM killer",
        FaultOutcome.AwaitingDecision => "waiting for a decision",
        _ => outcome.ToString(),
    };
}
