using VmQuest.Engine.Ecs;

namespace VmQuest.City.Simulation;

/// <summary>
/// The city's part of the one schedule, around the kernel's systems (<c>KernelModule</c>): in the input phase the
/// driver makes its decisions — the sandbox's scripted programs fork, exit, switch and ask for memory accesses as
/// <c>MemoryAccessRequested</c> events, which the kernel's translation system serves in the simulate phase; a level
/// session runs its own mechanics — and in the present phase the city collects the tick's kernel events into its
/// animations and event log, before the schedule ends the tick.
/// </summary>
internal sealed class CityModule(CitySimulation simulation) : IScheduleModule
{
    public void Register(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        schedule.Add(SimulationPhases.Input, new DriverTickSystem(simulation.Driver));
        schedule.Add(SimulationPhases.Present, new CityEventsCollectSystem(simulation));
    }

    /// <summary>Runs the driver's tick: its decisions for this tick.</summary>
    private sealed class DriverTickSystem(ISimulationDriver driver) : ISystem
    {
        public void Run(World world) => driver.Tick();
    }

    /// <summary>Collects the tick's kernel events into the city's animations and event log.</summary>
    private sealed class CityEventsCollectSystem(CitySimulation simulation) : ISystem
    {
        public void Run(World world) => simulation.Observe(world);
    }
}
