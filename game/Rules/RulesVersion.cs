namespace VmQuest.Rules;

/// <summary>The version of the simulation's rules, written into every replay and checked by <c>vmquest verify</c>.</summary>
public static class RulesVersion
{
    /// <summary>
    /// The current rules version. It MUST be increased whenever the simulation's results can change for the same
    /// level and actions — a kernel change that alters a fault, an eviction, a cycle cost, a counter, the state
    /// hash's definition (<see cref="StateHash"/>), what a tick is, or how a player action is applied — because a
    /// replay made under other rules would no longer re-simulate to its claims. Bumping it makes every shipped
    /// reference solution stale (a test says so) until it is re-recorded (docs/replays.md, "Rules version").
    /// </summary>
    public const int Current = 2;
}
