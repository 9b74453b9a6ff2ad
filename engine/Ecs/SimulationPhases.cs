namespace VmQuest.Engine.Ecs;

/// <summary>
/// The simulation's phase names, in run order: input is applied, the machine and kernel advance one fixed
/// step, deferred structural changes are played back, then read-only observers (renderer, recorders) look.
/// </summary>
public static class SimulationPhases
{
    /// <summary>Player and script actions become events and commands.</summary>
    public const string Input = "Input";

    /// <summary>One fixed step of the machine and kernel.</summary>
    public const string Simulate = "Simulate";

    /// <summary>Command buffers recorded during the tick are played back.</summary>
    public const string ApplyCommands = "ApplyCommands";

    /// <summary>Observers read the world; nothing writes.</summary>
    public const string Present = "Present";

    /// <summary>All phases in run order.</summary>
    public static IReadOnlyList<string> InOrder { get; } = [Input, Simulate, ApplyCommands, Present];
}
