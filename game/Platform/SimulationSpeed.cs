namespace VmQuest.Platform;

/// <summary>How fast the simulation runs relative to its fixed tick rate.</summary>
public enum SimulationSpeed
{
    /// <summary>No ticks, except single steps requested with <see cref="FixedStepLoop.Step"/>.</summary>
    Paused,

    /// <summary>One tick per tick duration of real time.</summary>
    Normal,

    /// <summary>Four ticks per tick duration of real time.</summary>
    Fast,

    /// <summary>As many ticks as fit in the frame budget, every frame.</summary>
    Max,
}
