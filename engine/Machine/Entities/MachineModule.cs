using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Machine.Entities;

/// <summary>
/// Registers the machine's systems: translation in Simulate (the kernel's fault handler runs after it).
/// </summary>
public sealed class MachineModule : IScheduleModule
{
    /// <inheritdoc />
    public void Register(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        schedule.Add(SimulationPhases.Simulate, new MemoryAccessTranslateSystem());
    }
}
