namespace VmQuest.City.Simulation;

/// <summary>What the player did to a sandbox's processes.</summary>
public enum SandboxVerb
{
    /// <summary>Forked the process (F in the city).</summary>
    Fork,

    /// <summary>Killed the process with SIGTERM (K in the city).</summary>
    Kill,

    /// <summary>Ran a workload-language line in the process (the console).</summary>
    Run,
}

/// <summary>
/// One of the player's actions on a sandbox, stamped with the tick it was made after: applied between ticks, so
/// replaying the same actions after the same ticks gives the same state (a sandbox save file is the list of them).
/// </summary>
/// <param name="Tick">Ticks run before the action.</param>
/// <param name="Verb">What was done.</param>
/// <param name="Pid">To which process.</param>
/// <param name="Line">For <see cref="SandboxVerb.Run"/>: the console line; else empty.</param>
public readonly record struct SandboxAction(long Tick, SandboxVerb Verb, int Pid, string Line = "");
