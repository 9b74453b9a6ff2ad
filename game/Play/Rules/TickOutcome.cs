namespace VmQuest.Play.Rules;

/// <summary>What one Simulate step of a level did.</summary>
public enum TickOutcome
{
    /// <summary>The tick's work completed: the session's tick advances by one.</summary>
    Completed,

    /// <summary>The kernel waits for the player's decision in this tick; nothing else changes until one enters.</summary>
    Waiting,
}
