namespace VmQuest.Speedrun;

/// <summary>Where a speedrun is.</summary>
public enum SpeedrunState
{
    /// <summary>Waiting for the first input.</summary>
    NotStarted,

    /// <summary>The clock runs.</summary>
    Running,

    /// <summary>The last segment split; the figures are final.</summary>
    Finished,
}
