using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel.Scheduling;
using VmQuest.Engine.Kernel.Translation;

namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// The kernel's part of a simulation tick: runs the world's <see cref="WorkloadRunner"/> resource until the
/// tick's cycle budget (<see cref="CyclesPerTick"/>) is spent or nothing can run. The machine's clock is the
/// in-game time, so the number of actions per tick follows their cost: a major fault takes many ticks' worth.
/// The budget counts from the tick's start as <see cref="TickScheduled"/> gives it (the clock before the
/// scheduler's switch), else from now; the first step of a tick with a budget always runs.
/// </summary>
public sealed class WorkloadStepSystem : ISystem
{
    /// <summary>Simulated cycles each tick advances (the default is about 10 µs of a 1 GHz machine).</summary>
    public long CyclesPerTick { get; init; } = 10_000;

    /// <inheritdoc />
    public void Run(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (!world.HasResource<WorkloadRunner>())
        {
            return;
        }

        var runner = world.GetResource<WorkloadRunner>();
        var clock = runner.Kernel.Machine.Clock;
        var scheduled = world.Events<TickScheduled>().Read();
        var start = scheduled.IsEmpty ? clock.Cycles : scheduled[0].TickStartCycles;
        var end = start + CyclesPerTick;
        var firstDue = CyclesPerTick > 0;
        while ((firstDue || clock.Cycles < end) && runner.Step() is not null)
        {
            firstDue = false;
        }
    }
}

/// <summary>
/// Registers the kernel's systems. The per-tick flow (events carry it within the tick):
/// <list type="number">
/// <item>Input: player and level decisions arrive as events — <see cref="ContextSwitchRequested"/> is served by
/// <see cref="ContextSwitchSystem"/> (CR3 ← the process's root).</item>
/// <item>Simulate: <see cref="ProcessScheduleSystem"/> picks who runs (switching when the slice is over) and sends
/// <see cref="TickScheduled"/>; <see cref="WorkloadStepSystem"/> runs the workload processes for the tick's budget
/// through the kernel's facade (<see cref="KernelCore.Access"/> and the syscalls), which run the same rules the
/// systems do — translation, fault handling and retry happen inside each access, the kernel publishing
/// <see cref="PageFaultRaised"/>, <see cref="PageFaultResolved"/>, <see cref="ContextSwitched"/>,
/// <see cref="PageEvicted"/> as they happen; <see cref="MemoryAccessTranslateSystem"/> then serves the tick's
/// <see cref="MemoryAccessRequested"/> (accesses asked for by the player or a level): a translation that faults
/// raises <see cref="PageFaultRaised"/>, the fault is handled in this same tick and the access retried, and
/// <see cref="MemoryAccessServed"/> says how it ended; <see cref="Faults.PageFaultHandleSystem"/> follows, for
/// faults raised and not yet handled (the accesses above handle their own: see <see cref="Faults.RaisedFaultLedger"/>).</item>
/// <item>Reclaim runs where memory is needed (direct reclaim inside the allocators, then the OOM killer); under the
/// <c>linux</c> policy also in the background: <see cref="Reclaim.KswapdReclaimSystem"/>, last in Simulate, lets kswapd
/// reclaim up to the high watermark when an allocation woke it. The textbook policies never wake it.</item>
/// </list>
/// The sandbox's per-tick run gives the same results as stepping the runner by itself: the scheduler's decision at
/// the tick's start is the one the first step makes, and the tick's budget counts from before it.
/// </summary>
public sealed class KernelModule : IScheduleModule
{
    /// <summary>The workload step's cycle budget per tick (<see cref="WorkloadStepSystem.CyclesPerTick"/>).</summary>
    public long CyclesPerTick { get; init; } = 10_000;

    /// <inheritdoc />
    public void Register(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        schedule.Add(SimulationPhases.Input, new ContextSwitchSystem());
        schedule.Add(SimulationPhases.Simulate, new ProcessScheduleSystem());
        schedule.Add(SimulationPhases.Simulate, new WorkloadStepSystem { CyclesPerTick = CyclesPerTick });
        schedule.Add(SimulationPhases.Simulate, new MemoryAccessTranslateSystem());
        schedule.Add(SimulationPhases.Simulate, new Faults.PageFaultHandleSystem());
        schedule.Add(SimulationPhases.Simulate, new Reclaim.KswapdReclaimSystem());
    }
}
