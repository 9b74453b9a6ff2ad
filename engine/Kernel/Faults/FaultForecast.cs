using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>Where the data of a faulting page would come from, as the handler sees it before it acts.</summary>
public enum FaultSource
{
    /// <summary>Nothing: the fault kills the process, or the translation already works.</summary>
    None,

    /// <summary>A zeroed frame, or for a read the shared zero page (an anonymous page never touched, or a page the stack grows over).</summary>
    Zero,

    /// <summary>The mapped file, through the page cache.</summary>
    File,

    /// <summary>The swap area, through the swap cache (the PTE holds a swap entry).</summary>
    Swap,

    /// <summary>The frame the PTE already maps (a write to a present, read-only page: copy-on-write).</summary>
    Present,
}

/// <summary>
/// What the page-fault handler would do for one fault, computed without changing anything
/// (<see cref="KernelCore.ForecastFault"/>): the outcome it would report and the facts a kernel bases it on. The
/// forecast equals what <see cref="KernelCore.HandleFault"/> reports for the same fault in the same state, except
/// when that runs out of memory (<see cref="FaultOutcome.OutOfMemory"/>) or must wait for a decision: whether
/// memory suffices is the allocator's business, not the fault's kind. (A host file the kernel has never looked at,
/// never the case for a level's files, which are provided: its end is not known yet, so the forecast is a file read and
/// the handler checks the end at the real fault.)
/// </summary>
/// <param name="Pid">The faulting process.</param>
/// <param name="Address">The faulting virtual address.</param>
/// <param name="Access">The access that faulted, as the CPU reported it.</param>
/// <param name="Outcome">What the handler would report (never <see cref="FaultOutcome.AwaitingDecision"/> or <see cref="FaultOutcome.OutOfMemory"/>).</param>
/// <param name="Source">Where the page's data would come from.</param>
/// <param name="Area">The VMA covering the address (after a stack growth: the grown stack as it would be), or null when none does.</param>
/// <param name="StackWouldGrow">True when no VMA covers the address but the stack can grow down over it.</param>
/// <param name="Pte">The leaf PTE's raw value (0 when there is no leaf table or no entry).</param>
/// <param name="SwapSlot">The swap slot the PTE names, for a swap entry.</param>
/// <param name="PresentFrame">The frame a present PTE maps (the copy-on-write source), else null.</param>
/// <param name="MapCount">How many PTEs map <see cref="PresentFrame"/> (0 when none is present).</param>
/// <param name="InCache">True when the page is already in the page cache (file) or the swap cache (swap): no I/O is needed.</param>
/// <param name="NeedsFrame">True when the handler takes a new frame for this fault (where the player may place it).</param>
public sealed record FaultForecast(
    int Pid,
    ulong Address,
    AccessKind Access,
    FaultOutcome Outcome,
    FaultSource Source,
    VmArea? Area,
    bool StackWouldGrow,
    ulong Pte,
    ulong? SwapSlot,
    ulong? PresentFrame,
    int MapCount,
    bool InCache,
    bool NeedsFrame);
