using System.Globalization;
using VmQuest.City.Simulation;
using VmQuest.Engine.Kernel;
using VmQuest.Play;

namespace VmQuest.Screens.Play;

/// <summary>
/// The city's view of a level session being played: the kernel shown is the session's, and a city tick changes
/// nothing — the session advances only through the player's decisions (and the play screen's undo and rewind).
/// Faults are the session's own count (a reference that faulted counts once however long the player took to choose).
/// </summary>
internal sealed class SessionCityDriver(LevelSession session) : ISimulationDriver
{
    public LevelSession Session => session;

    public KernelCore Kernel => session.Kernel;

    public string Objective => string.Create(CultureInfo.InvariantCulture, $"{session.Level.Id} · tick {session.Tick}");

    public bool Finished => session.IsFinished;

    public long? FaultCount => session.Counters.Faults;

    // The session runs its own schedule; the city only shows it.
    public bool RunsKernelSystems => false;

    public void Tick()
    {
    }
}
