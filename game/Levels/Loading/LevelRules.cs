using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;

namespace VmQuest.Levels.Loading;

/// <summary>
/// The checks that relate fields to each other: each mechanic has what it needs to be played (a trace or a
/// process to fault, two processes to schedule, an ELF to lay out, frames to run short of, hidden tests for a
/// policy), so a level that loads can be started.
/// </summary>
internal static class LevelRules
{
    public static void Check(
        LevelMap top, LevelNode playerNode, LevelPlayer player, IReadOnlyList<LevelProcess> processes,
        IReadOnlyList<LevelTrace> traces, int? frames, LevelHiddenTests? hidden)
    {
        if (processes.Count == 0 && traces.Count == 0)
        {
            throw top.Self.Error("a level needs something to run: at least one entry in processes or traces");
        }

        foreach (var mechanic in player.Mechanics)
        {
            string? missing = mechanic switch
            {
                Mechanic.Victim when traces.Count == 0 && processes.Count == 0 => "a trace or a process whose pages can be evicted",
                Mechanic.Victim or Mechanic.Policy when frames is null => "'frames' (memory must run out for pages to be evicted)",
                Mechanic.Policy when traces.Count == 0 => "a trace for the policy to run on",
                Mechanic.Policy when hidden is null => "'hidden-tests' (a policy must also pass hidden seeded traces)",
                Mechanic.Schedule when processes.Count < 2 => "at least two processes to choose between",
                Mechanic.ElfLayout when processes.All(p => p.Kind != LevelProcessKind.Elf) => "a process that runs an ELF from the level's folder",
                Mechanic.Permissions when processes.All(p => p.Program is null) => "a workload process whose accesses the permissions allow or stop",
                Mechanic.FaultAction when processes.Count == 0 && traces.Count == 0 => "a process or trace that faults",
                _ => null,
            };
            if (missing is not null)
            {
                throw new LevelFormatException(playerNode.File, playerNode.Line, playerNode.Column, "player.mechanics",
                    $"the mechanic '{mechanic.Name()}' needs {missing}");
            }
        }
    }
}
