using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;

namespace VmQuest.Levels.Loading;

/// <summary>
/// Reads one goal, <c>{ kind: …, … }</c> (vocabulary in <see cref="LevelGoal.KindNames"/>), checking that the
/// process or trace it names exists and that a <c>killed</c> line holds a statement.
/// </summary>
internal static class GoalReader
{
    public static LevelGoal Read(LevelNode node, IReadOnlyList<LevelProcess> processes, IReadOnlyList<LevelTrace> traces)
    {
        var kindMap = node.Map("a goal", "kind", "process", "status", "signal", "line", "trace", "count");
        var kindNode = kindMap.Required("kind", "the goal's kind");
        string kind = kindNode.Choice("a goal kind", LevelGoal.KindNames);
        string[] allowed = kind switch
        {
            "exits" => ["kind", "process", "status"],
            "all-exit" => ["kind", "status"],
            "killed" => ["kind", "process", "signal", "line"],
            "trace-completes" => ["kind", "trace"],
            "translations" => ["kind", "count"],
            _ => ["kind", "process"],
        };
        var map = Narrow(node, kind, allowed);
        switch (kind)
        {
            case "exits":
                return new ProcessExitsGoal(Process(map, processes).Name, Status(map));
            case "all-exit":
                return processes.Count == 0 ? throw node.Error("'all-exit' needs at least one process") : new AllProcessesExitGoal(Status(map));
            case "killed":
            {
                var process = Process(map, processes);
                string signal = map.Optional("signal")?.Choice("a signal", ProcessKilledGoal.Signals) ?? "SIGSEGV";
                int? line = null;
                if (map.Optional("line") is { } lineNode)
                {
                    line = (int)lineNode.Integer(1, int.MaxValue);
                    if (process.Program is not { } program)
                    {
                        throw lineNode.Error($"process '{process.Name}' runs an ELF, which has no program lines");
                    }

                    if (!StatementLines(program.Body).Contains(line.Value))
                    {
                        throw lineNode.Error($"expected a line of process '{process.Name}''s program that holds a statement, found {line}");
                    }
                }

                return new ProcessKilledGoal(process.Name, signal, line);
            }

            case "trace-completes":
            {
                if (traces.Count == 0)
                {
                    throw node.Error("'trace-completes' needs a trace; the level has none");
                }

                string? trace = null;
                if (map.Optional("trace") is { } traceNode)
                {
                    trace = traceNode.Slug("a trace name");
                    if (traces.All(t => t.Name != trace))
                    {
                        throw traceNode.Error($"expected the name of one of the level's traces ({string.Join(", ", traces.Select(t => t.Name))}), found {OneLine.Quote(trace)}");
                    }
                }

                return new TraceCompletesGoal(trace);
            }

            case "translations":
                return new TranslationsGoal((int)map.Required("count", "how many translations").Integer(1, 10_000));
            default:
            {
                var process = Process(map, processes);
                return process.Kind != LevelProcessKind.Elf
                    ? throw map.Required("process", "a process").Error($"'layout-matches' needs a process that runs an ELF; '{process.Name}' runs a workload program")
                    : new LayoutMatchesGoal(process.Name);
            }
        }
    }

    private static LevelMap Narrow(LevelNode node, string kind, string[] allowed)
    {
        try
        {
            return node.Map("a goal", allowed);
        }
        catch (LevelFormatException e) when (e.Description.StartsWith("unknown field", StringComparison.Ordinal))
        {
            throw new LevelFormatException(e.File, e.Line, e.Column, e.Field, $"a '{kind}' goal has no such field; expected one of: {string.Join(", ", allowed)}");
        }
    }

    private static LevelProcess Process(LevelMap map, IReadOnlyList<LevelProcess> processes)
    {
        var node = map.Required("process", "the name of one of the level's processes");
        string name = node.Slug("a process name");
        return processes.FirstOrDefault(p => p.Name == name)
            ?? throw node.Error($"expected the name of one of the level's processes ({(processes.Count == 0 ? "it has none" : string.Join(", ", processes.Select(p => p.Name)))}), found {OneLine.Quote(name)}");
    }

    private static int Status(LevelMap map) => (int)(map.Optional("status")?.Integer(0, 255) ?? 0);

    private static HashSet<int> StatementLines(Engine.Kernel.Workloads.NodeList<Engine.Kernel.Workloads.Statement> body)
    {
        var lines = new HashSet<int>();
        foreach (var statement in body)
        {
            lines.Add(statement.Position.Line);
            var inner = statement switch
            {
                Engine.Kernel.Workloads.RepeatStatement r => StatementLines(r.Body),
                Engine.Kernel.Workloads.ForStatement f => StatementLines(f.Body),
                Engine.Kernel.Workloads.IfForkStatement i => [.. StatementLines(i.Then), .. StatementLines(i.Else)],
                _ => [],
            };
            lines.UnionWith(inner);
        }

        return lines;
    }
}
