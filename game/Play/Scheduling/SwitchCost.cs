namespace VmQuest.Play.Scheduling;

/// <summary>
/// What choosing a process costs at the pending scheduling point, before any of its own work: the CR3 load (the
/// machine's <c>contextSwitch</c> cost), the TLB flush that comes with it when PCID is off (<c>tlbFlush</c>), and
/// how many of the process's TLB entries survive to serve it (none after a flush). Staying on the running process
/// costs nothing: no CR3 load, its TLB entries stay.
/// </summary>
/// <param name="Pid">The process.</param>
/// <param name="SwitchCycles">Cycles of the CR3 load (0 when the process is already running).</param>
/// <param name="FlushCycles">Cycles of the TLB flush (0 with PCID, or when no switch happens).</param>
/// <param name="Flushes">Whether the switch flushes the TLB.</param>
/// <param name="WarmEntries">TLB entries that will translate for the process once it runs.</param>
public sealed record SwitchCost(int Pid, long SwitchCycles, long FlushCycles, bool Flushes, int WarmEntries)
{
    /// <summary>Cycles charged before the process's first access.</summary>
    public long Cycles => SwitchCycles + FlushCycles;
}
