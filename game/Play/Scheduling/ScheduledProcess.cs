using VmQuest.Engine.Kernel.Processes;

namespace VmQuest.Play.Scheduling;

/// <summary>
/// One process of a schedule level as the run queue shows it (a snapshot; it does not change with the session).
/// </summary>
/// <param name="Pid">Its pid.</param>
/// <param name="Name">Its name (the level's process name, or the kernel's for a forked child).</param>
/// <param name="State">Running, ready, blocked, or zombie once it has exited.</param>
/// <param name="TlbEntries">The TLB entries that translate for it now: its PCID's with PCID on, the whole TLB's for the running process without (the others have none: the last CR3 load flushed them).</param>
/// <param name="PagesTouched">Distinct pages it has accessed so far (its working set, as far as this run has shown it).</param>
/// <param name="CyclesUsed">Simulated cycles charged while it ran, its context switches in included.</param>
/// <param name="ExitStatus">Its exit status once it has exited normally, else null.</param>
/// <param name="Signal">The signal that killed it, or 0.</param>
public sealed record ScheduledProcess(int Pid, string Name, ProcessState State, int TlbEntries, int PagesTouched, long CyclesUsed, int? ExitStatus, int Signal)
{
    /// <summary>Whether the player may choose it at a scheduling point.</summary>
    public bool IsRunnable => State is ProcessState.Ready or ProcessState.Running;
}
