namespace VmQuest.Progress;

/// <summary>How a level stands for the level-select screen: its bests and which pars they meet.</summary>
/// <param name="LevelId">The level.</param>
/// <param name="Attempts">Attempts recorded for this version of the level.</param>
/// <param name="Won">Whether any attempt won it.</param>
/// <param name="Bests">The personal best of each metric in the level's order, null where none is recorded.</param>
/// <param name="ParsMet">How many of the level's pars some won attempt meets (each metric counted once).</param>
/// <param name="ParCount">How many pars the level has.</param>
public sealed record LevelStanding(string LevelId, int Attempts, bool Won, IReadOnlyList<(string Metric, long? Best)> Bests, int ParsMet, int ParCount);
