namespace VmQuest.Engine.Kernel.Scheduling;

/// <summary>
/// The scheduler's decision at the start of a tick, sent by <see cref="ProcessScheduleSystem"/>. The tick's cycle
/// budget counts from <paramref name="TickStartCycles"/>, before the switch, so the switch's cost is the tick's
/// own as it is when the workload step switches by itself.
/// </summary>
/// <param name="Pid">The process chosen to run (0 when none can run or the scheduler has not decided).</param>
/// <param name="TickStartCycles">The clock when the tick began.</param>
public readonly record struct TickScheduled(int Pid, long TickStartCycles);

/// <summary>A player's or level's decision "run this process now", served in the Input phase by <see cref="ContextSwitchSystem"/>.</summary>
/// <param name="Pid">The process to switch to.</param>
public readonly record struct ContextSwitchRequested(int Pid);
