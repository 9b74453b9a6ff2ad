using VmQuest.Replays;

namespace VmQuest.Play.Rules;

/// <summary>A player's action entering the simulation: sent before a tick, applied in that tick's Input phase.</summary>
/// <param name="Action">The action, stamped with the tick it enters at.</param>
public readonly record struct PlayerActionEntered(ReplayAction Action);
