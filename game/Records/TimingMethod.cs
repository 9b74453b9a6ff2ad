namespace VmQuest.Records;

/// <summary>Which of the three speedrun figures a comparison uses.</summary>
public enum TimingMethod
{
    /// <summary>Wall clock, pauses included: speedrunners' "Real Time" and the default.</summary>
    RealTime,

    /// <summary>Real time less menus, briefings, results and loading: LiveSplit's "Game Time".</summary>
    LoadRemoved,

    /// <summary>The simulation's cycles: in-game time, the same on every machine.</summary>
    Cycles,
}
