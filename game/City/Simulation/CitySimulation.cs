using VmQuest.City.Animation;
using VmQuest.City.Hud;
using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.City.Simulation;

/// <summary>
/// One simulation tick as the city sees it, as one run of the schedule (<see cref="CityModule"/> around the kernel's
/// <see cref="KernelModule"/>): the driver decides, the kernel's systems serve what it asked for, the city collects
/// the tick's kernel events into its animations, and the events are cleared (<c>World.EndTick()</c>). This is the
/// action the fixed-step loop calls.
/// </summary>
public sealed class CitySimulation
{
    private readonly Schedule _schedule;

    /// <summary>Wraps <paramref name="driver"/>.</summary>
    public CitySimulation(ISimulationDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        Driver = driver;
        if (driver.RunsKernelSystems)
        {
            // The kernel's systems find the kernel they serve as the world's resource.
            Kernel.World.SetResource(Kernel);
            var kernelSystems = driver.WorkloadCyclesPerTick is { } budget ? new KernelModule { CyclesPerTick = budget } : new KernelModule();
            _schedule = SimulationSchedule.Build(new CityModule(this), kernelSystems);
        }
        else
        {
            _schedule = SimulationSchedule.Build(new CityModule(this));
        }

        // Setup (exec, warm-up writes) raised events no tick will animate; drop them so tick 1 starts clean.
        Kernel.World.EndTick();
    }

    /// <summary>What runs on the kernel.</summary>
    public ISimulationDriver Driver { get; }

    /// <summary>The kernel shown.</summary>
    public KernelCore Kernel => Driver.Kernel;

    /// <summary>Effects collected from the kernel's events.</summary>
    public CityAnimations Animations { get; } = new();

    /// <summary>The last kernel events in words (the event log panel).</summary>
    public KernelEventLog Log { get; } = new();

    /// <summary>The driver's run is over (every program exited).</summary>
    public bool Finished => Driver.Finished;

    /// <summary>Ticks run.</summary>
    public long Ticks { get; private set; }

    /// <summary>The systems each tick runs, in order (<c>Phase: System</c>), as the inspector and tests show them.</summary>
    public IReadOnlyList<string> Systems => _schedule.Describe();

    /// <summary>Runs one tick (the fixed-step loop's tick action).</summary>
    public void Tick()
    {
        _schedule.RunTick(Kernel.World);
        Ticks++;
    }

    /// <summary>
    /// Collects the events of the tick that just ran into the animations and the event log. A level session's
    /// schedule clears its events at the end of every schedule tick (which may be many per city tick), so the play
    /// and playback screens add this to <c>LevelSession.TickObservers</c>; <see cref="Tick"/> then finds nothing left to collect twice.
    /// </summary>
    public void Observe(VmQuest.Engine.Ecs.World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        Animations.Collect(world);
        Log.Collect(world);
    }
}
