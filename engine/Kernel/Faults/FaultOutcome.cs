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

    /// <summary>
    /// SIGSEGV from x86's general-protection exception (#GP), not a page fault: the address is not canonical (its
    /// upper bits do not repeat bit 47), so the MMU reads no table and the page-fault handler never runs. Linux's
    /// <c>exc_general_protection</c> sends SIGSEGV with <c>si_code</c> SI_KERNEL and <c>si_addr</c> 0 (the CPU
    /// reports no address); no page fault is counted.
    /// </summary>
    SegvGeneralProtection,
}

/// <summary>Helpers over <see cref="FaultOutcome"/>.</summary>
public static class FaultOutcomes
{
    /// <summary>True for the outcomes that kill the process with SIGSEGV.</summary>
    public static bool IsSegv(this FaultOutcome outcome) =>
        outcome is FaultOutcome.SegvNoMapping or FaultOutcome.SegvWriteProtected or FaultOutcome.SegvNoExecute
            or FaultOutcome.SegvNoRead or FaultOutcome.SegvKernelAddress or FaultOutcome.SegvGeneralProtection;

    /// <summary>True for the outcomes that end the process: SIGSEGV, SIGBUS, or out of memory (SIGKILL).</summary>
    public static bool IsFatal(this FaultOutcome outcome) =>
        outcome.IsSegv() || outcome is FaultOutcome.SigBusPastEndOfFile or FaultOutcome.OutOfMemory;

    /// <summary>
    /// The <c>si_code</c> Linux puts in the <c>siginfo</c> of the signal a fatal fault sends, or 0 for an outcome
    /// that sends none: SEGV_MAPERR (1) where nothing is mapped (or the kernel half), SEGV_ACCERR (2) where the
    /// mapping forbids the access, BUS_ADRERR (2) past the end of a file, SI_KERNEL (0x80) for #GP.
    /// </summary>
    public static int SignalCode(this FaultOutcome outcome) => outcome switch
    {
        FaultOutcome.SegvNoMapping or FaultOutcome.SegvKernelAddress => 1,
        FaultOutcome.SegvWriteProtected or FaultOutcome.SegvNoExecute or FaultOutcome.SegvNoRead => 2,
        FaultOutcome.SigBusPastEndOfFile => 2,
        FaultOutcome.SegvGeneralProtection => 0x80,
        _ => 0,
    };

    /// <summary>The <c>si_addr</c> of that signal for an access at <paramref name="address"/>: the address, except 0 for #GP (the CPU reports none).</summary>
    public static ulong SignalAddress(this FaultOutcome outcome, ulong address) =>
        outcome == FaultOutcome.SegvGeneralProtection ? 0 : address;

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
        FaultOutcome.SegvGeneralProtection => "SIGSEGV (SI_KERNEL, address 0): #GP, a non-canonical address, not a page fault",
        FaultOutcome.SigBusPastEndOfFile => "SIGBUS: the page lies wholly past the end of the mapped file",
        FaultOutcome.OutOfMemory => "out of memory: killed by the OOM killer",
        FaultOutcome.AwaitingDecision => "waiting for a decision",
        _ => outcome.ToString(),
    };
}
