namespace VmQuest.Play.Rules;

/// <summary>What the goals say after a tick: still running, won, or failed (with why, a sentence that teaches).</summary>
/// <param name="IsOver">Whether the run is over.</param>
/// <param name="Failure">Why it failed; null when it is running or won.</param>
/// <param name="FailureZh">The same in Simplified Chinese, when the mechanic gives it.</param>
public readonly record struct GoalState(bool IsOver, string? Failure, string? FailureZh = null)
{
    /// <summary>The goals can still hold; play goes on.</summary>
    public static GoalState Running => new(false, null);

    /// <summary>Every goal holds: the level is won.</summary>
    public static GoalState Won => new(true, null);

    /// <summary>The run is over and a goal cannot hold any more.</summary>
    public static GoalState Failed(string why, string? whyZh = null) => new(true, why, whyZh);
}
