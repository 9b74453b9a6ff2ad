using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// The kernel's part of a simulation tick: runs the world's <see cref="WorkloadRunner"/> resource until the
/// tick's cycle budget (<see cref="CyclesPerTick"/>) is spent or nothing can run. The machine's clock is the
/// in-game time, so the number of actions per tick follows their cost: a major fault takes many ticks' worth.
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
        var end = clock.Cycles + CyclesPerTick;
        while (clock.Cycles < end && runner.Step() is not null)
        {
        }
    }
}

/// <summary>Registers the kernel's systems: workload processes run in the Simulate phase.</summary>
public sealed class KernelModule : IScheduleModule
{
    /// <inheritdoc />
    public void Register(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        schedule.Add(SimulationPhases.Simulate, new WorkloadStepSystem());
        schedule.Add(SimulationPhases.Simulate, new Faults.PageFaultHandleSystem());
    }
}
