using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Engine.Kernel.Scheduling;

/// <summary>
/// Picks who runs at the start of the tick: the world's <see cref="WorkloadRunner"/> keeps the running process
/// while its time slice lasts, else asks its <see cref="IScheduler"/> (round robin unless the game hands the choice
/// to the player) and switches (<see cref="ContextSwitch"/>). Sends <see cref="TickScheduled"/> with the clock
/// before the switch. Within the tick the workload step makes the same decision again whenever a process's slice
/// ends or it exits; the decision at the tick's start is the one that step would have made first, so running
/// this system first changes nothing the step does.
/// </summary>
public sealed class ProcessScheduleSystem : ISystem
{
    /// <inheritdoc />
    public void Run(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (!world.HasResource<WorkloadRunner>())
        {
            return;
        }

        var runner = world.GetResource<WorkloadRunner>();
        var start = runner.Kernel.Machine.Clock.Cycles;
        var chosen = runner.Schedule();
        world.Events<TickScheduled>().Send(new TickScheduled(chosen ?? 0, start));
    }
}
