using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel;

/// <summary>The MMU raised a page fault for a process (before the handler ran).</summary>
/// <param name="Pid">The faulting process.</param>
/// <param name="Va">The faulting address.</param>
/// <param name="Access">What the access tried to do.</param>
/// <param name="ErrorCode">The x86 error code (present, write, user, fetch).</param>
public readonly record struct PageFaultRaised(int Pid, ulong Va, AccessKind Access, PageFaultErrorCode ErrorCode);

/// <summary>The handler resolved a fault.</summary>
/// <param name="Pid">The faulting process.</param>
/// <param name="Va">The faulting address.</param>
/// <param name="Outcome">How it was resolved.</param>
/// <param name="Frame">The frame now mapped (0 for SIGSEGV and waits).</param>
public readonly record struct PageFaultResolved(int Pid, ulong Va, FaultOutcome Outcome, ulong Frame);

/// <summary>A frame's page left memory (to swap, or dropped because the file has it).</summary>
/// <param name="Frame">The frame freed.</param>
/// <param name="Va">The virtual address it was mapped at (for anonymous pages).</param>
/// <param name="SwapSlot">The swap slot it went to, or 0 when nothing was written.</param>
public readonly record struct PageEvicted(ulong Frame, ulong Va, ulong SwapSlot);

/// <summary>CR3 was loaded with another process's page-table root.</summary>
/// <param name="FromPid">The process switched away from (0 if none).</param>
/// <param name="ToPid">The process now running.</param>
/// <param name="TlbFlushed">Whether the switch flushed the TLB (PCIDs off).</param>
public readonly record struct ContextSwitched(int FromPid, int ToPid, bool TlbFlushed);

/// <summary>A process was created by fork (or as the first process).</summary>
/// <param name="Pid">The new process.</param>
/// <param name="ParentPid">Its parent (0 for the first).</param>
public readonly record struct ProcessForked(int Pid, int ParentPid);

/// <summary>A process exited or was killed.</summary>
/// <param name="Pid">The process.</param>
/// <param name="ExitCode">Its exit status.</param>
/// <param name="Signal">The killing signal (11 = SIGSEGV, 9 = SIGKILL from the OOM killer) or 0.</param>
public readonly record struct ProcessExited(int Pid, int ExitCode, int Signal);

/// <summary>
/// Memory ran out and reclaim could not help: the OOM killer chose <paramref name="Pid"/> (the highest badness:
/// resident pages + page-table pages + swap entries) and killed it with SIGKILL.
/// </summary>
/// <param name="Pid">The process killed.</param>
/// <param name="RequesterPid">The process whose allocation could not be satisfied (0 for the kernel itself).</param>
/// <param name="Badness">The victim's score, in pages.</param>
public readonly record struct OomKilled(int Pid, int RequesterPid, long Badness);
