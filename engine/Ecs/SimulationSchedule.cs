namespace VmQuest.Engine.Ecs;

/// <summary>
/// The one place where the simulation's systems are registered: the phases of
/// <see cref="SimulationPhases"/> plus every module in the order given. A test pins the result.
/// </summary>
public static class SimulationSchedule
{
    /// <summary>Builds the schedule with <paramref name="modules"/> registered in order.</summary>
    public static Schedule Build(params IEnumerable<IScheduleModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var schedule = new Schedule(SimulationPhases.InOrder);
        foreach (var module in modules)
        {
            schedule.AddModule(module);
        }

        schedule.Add(SimulationPhases.ApplyCommands, new CommandBufferPlaybackSystem());
        return schedule;
    }
}
