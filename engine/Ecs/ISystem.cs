namespace VmQuest.Engine.Ecs;

/// <summary>
/// One step of the simulation, run by a <see cref="Schedule"/> in its phase. A system keeps its queries in
/// fields (built once) and should be the only writer of the components it owns; others send it events.
/// </summary>
public interface ISystem
{
    /// <summary>Runs the system once against <paramref name="world"/>.</summary>
    void Run(World world);
}

/// <summary>A feature's registration: adds the feature's systems to their phases (Bevy's plugin idea).</summary>
public interface IScheduleModule
{
    /// <summary>Adds this module's systems to <paramref name="schedule"/>.</summary>
    void Register(Schedule schedule);
}
