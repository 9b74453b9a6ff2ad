namespace VmQuest.Speedrun;

/// <summary>
/// The three figures of a moment in a run (DESIGN.md §7, issue 9): in-game time (simulated cycles), real time
/// (wall clock since the run started, pauses included, as speedrunners time) and load-removed time (real time
/// less menus, briefings, results and loading).
/// </summary>
/// <param name="Cycles">Simulated cycles: the game's own in-game time.</param>
/// <param name="RealTime">Wall-clock time since the run started.</param>
/// <param name="LoadRemovedTime">Real time less the time spent in menus, briefings, results and loading.</param>
public readonly record struct SplitTime(long Cycles, TimeSpan RealTime, TimeSpan LoadRemovedTime);
