using VmQuest.City.Animation;
using VmQuest.City.Hud;
using VmQuest.Engine.Kernel;

namespace VmQuest.City.Simulation;

/// <summary>
/// One simulation tick as the city sees it: the driver runs, the city collects the tick's kernel events into its
/// animations, and the events are cleared (<c>World.EndTick()</c>). This is the action the fixed-step loop calls.
/// </summary>
public sealed class CitySimulation
{
    /// <summary>Wraps <paramref name="driver"/>.</summary>
    public CitySimulation(ISimulationDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        Driver = driver;

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

    /// <summary>Runs one tick (the fixed-step loop's tick action).</summary>
    public void Tick()
    {
        Driver.Tick();
        Observe(Kernel.World);
        Kernel.World.EndTick();
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
