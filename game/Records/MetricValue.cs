namespace VmQuest.Records;

/// <summary>
/// One of a level's named integer metrics for one attempt (cycles, faults, frames, mistakes, actions, policy
/// size…). Every metric is "lower is better"; the names come from the level file.
/// </summary>
/// <param name="Name">The metric's name as the level declares it: 1–64 characters of letters, digits, '_' or '-'.</param>
/// <param name="Value">The value; any 64-bit integer.</param>
public readonly record struct MetricValue(string Name, long Value);
