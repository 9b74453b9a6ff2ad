using VmQuest.Engine.Kernel;

namespace VmQuest.City.Simulation;

/// <summary>
/// What runs on the kernel the city shows: one call per fixed simulation tick. The sandbox uses
/// <see cref="SandboxScenario"/>; the workload runner (processes executing <c>.vmw</c> programs under a
/// round-robin scheduler) replaces it behind this interface.
/// </summary>
/// <remarks>
/// A tick leaves the kernel's per-tick events (<c>kernel.World.Events&lt;T&gt;()</c>) in place for readers;
/// <see cref="CitySimulation"/> clears them with <c>World.EndTick()</c> after the city has collected them.
/// Once <see cref="Finished"/> is true it stays true and further ticks change nothing.
/// </remarks>
public interface ISimulationDriver
{
    /// <summary>The kernel being driven (read by the city, written only by the driver).</summary>
    KernelCore Kernel { get; }

    /// <summary>One line telling the player what is going on or what to aim for (says so when the run is over).</summary>
    string Objective { get; }

    /// <summary>Every program has exited: the run is over (a restart builds a new driver).</summary>
    bool Finished { get; }

    /// <summary>
    /// The faults to show in the HUD, when the driver counts them itself (a level session counts a reference that
    /// faulted once, however often the kernel retried it while the player chose); null shows the kernel's count.
    /// </summary>
    long? FaultCount => null;

    /// <summary>
    /// The kernel's systems (<c>KernelModule</c>) run in the city's schedule after the driver's decisions (the
    /// sandbox). False for a driver whose kernel advances in a schedule of its own — a level session's, where a fault
    /// may wait for the player's decision and must not be handled behind the level's back.
    /// </summary>
    bool RunsKernelSystems => true;

    /// <summary>
    /// The cycle budget of the kernel's workload step per tick (<c>KernelModule.CyclesPerTick</c>), for a driver whose
    /// processes run workload programs; null keeps the kernel's default. 1 runs one workload action per tick.
    /// </summary>
    long? WorkloadCyclesPerTick => null;

    /// <summary>
    /// The driver's part of one tick (the schedule's input phase): its decisions, as kernel calls or as requests the
    /// kernel's systems serve in the same tick. Deterministic for a given construction.
    /// </summary>
    void Tick();
}
