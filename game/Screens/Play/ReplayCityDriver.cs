using VmQuest.City.Simulation;
using VmQuest.Engine.Kernel;
using VmQuest.Play;

namespace VmQuest.Screens.Play;

/// <summary>
/// A replay's playback as the full-window city runs it (<c>vmquest replay gif</c>): the replay driver's ticks, the
/// session's own fault count in the HUD (a reference that faulted counts once, not once per retry while the player
/// chose), and — through <see cref="Attach"/> — the city's animations and event log fed from every schedule tick of
/// the session, which clears its events before the city's tick would see them.
/// </summary>
public sealed class ReplayCityDriver(ReplayDriver replay) : ISimulationDriver
{
    /// <summary>The replay being played back.</summary>
    public ReplayDriver Replay { get; } = replay ?? throw new ArgumentNullException(nameof(replay));

    /// <inheritdoc/>
    public KernelCore Kernel => Replay.Kernel;

    /// <inheritdoc/>
    public string Objective => Replay.Objective;

    /// <inheritdoc/>
    public bool Finished => Replay.Finished;

    /// <inheritdoc/>
    public long? FaultCount => Replay.Session.Counters.Faults;

    /// <summary>A city simulation of <paramref name="replay"/> that sees every event of its session.</summary>
    public static CitySimulation Attach(ReplayDriver replay)
    {
        var simulation = new CitySimulation(new ReplayCityDriver(replay));
        replay.Session.TickObservers.Add(simulation.Observe);
        return simulation;
    }

    /// <summary>False: the replayed session runs its own schedule; the city only shows it.</summary>
    public bool RunsKernelSystems => false;

    /// <inheritdoc/>
    public void Tick() => Replay.Tick();
}
