using System.Text.Json.Nodes;
using VmQuest.Levels.Model;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Levels.Hashing;

/// <summary>
/// The canonical form of a level (docs/levels.md, "The level hash"): a JSON tree of every field that can change
/// a result, with every default filled in, plus the SHA-256 of every file the level uses, written by
/// <see cref="CanonicalJson"/>. Left out, so fixing them never invalidates a replay: title, briefing, hint
/// (texts), pars, the optimum (yardsticks results are shown against), and the reference solution.
/// </summary>
public static class LevelCanonicalForm
{
    /// <summary>The value of the <c>format</c> field; bumped if the canonical form itself ever changes.</summary>
    public const string Format = "vmquest-level-canonical/1";

    /// <summary>The canonical text of <paramref name="level"/> (its <c>Hash</c> and <c>CanonicalForm</c> are not read).</summary>
    public static string Build(Level level)
    {
        ArgumentNullException.ThrowIfNull(level);
        var root = new JsonObject
        {
            ["format"] = Format,
            ["id"] = level.Id,
            ["version"] = level.Version,
            ["machine"] = Machine(level.Machine),
            ["frames"] = level.Frames,
            ["kernel"] = new JsonObject
            {
                ["policy"] = level.Kernel.Policy,
                ["tlbEntries"] = level.Kernel.TlbEntries,
                ["tlbWays"] = level.Kernel.TlbWays,
                ["pcid"] = level.Kernel.Pcid,
                ["swapSlots"] = level.Kernel.SwapSlots,
                ["timeSlice"] = level.Kernel.TimeSlice,
            },
            ["processes"] = Array(level.Processes.Select(Process)),
            ["traces"] = Array(level.Traces.Select(Trace)),
            ["player"] = new JsonObject
            {
                ["mechanics"] = Array(level.Player.Mechanics.Select(m => (JsonNode)m.Name())),
                ["framePlacement"] = level.Player.FramePlacement,
            },
            ["goals"] = Array(level.Goals.Select(Goal)),
            ["metrics"] = Array(level.Metrics.Select(m => m.Name).Order(StringComparer.Ordinal).Select(n => (JsonNode)n)),
            ["hiddenTests"] = level.HiddenTests is { } h
                ? new JsonObject { ["count"] = h.Count, ["generator"] = Generator(h.Generator), ["frames"] = h.Frames, ["baseline"] = h.Baseline }
                : null,
            ["files"] = Array(level.Files.OrderBy(f => f.RelativePath, StringComparer.Ordinal)
                .Select(f => (JsonNode)new JsonObject { ["path"] = f.RelativePath, ["sha256"] = f.Sha256 })),
        };
        return CanonicalJson.Write(root);
    }

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    private static JsonObject Machine(LevelMachine machine) => machine.Source switch
    {
        LevelMachineSource.File => new JsonObject { ["file"] = machine.File!.RelativePath },
        LevelMachineSource.Builtin => new JsonObject { ["builtin"] = machine.Name, ["definition"] = Yaml(machine.Definition) },
        _ => new JsonObject { ["inline"] = Yaml(machine.Definition) },
    };

    /// <summary>A YAML tree as data: mappings become objects, lists arrays, every scalar its text (quoting style and key order drop out).</summary>
    internal static JsonNode? Yaml(YamlNode? node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p =>
            KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", Yaml(p.Value)))),
        YamlSequenceNode list => Array(list.Children.Select(Yaml)),
        YamlScalarNode scalar => scalar.Value ?? "",
        _ => null,
    };

    private static JsonObject Process(LevelProcess p)
    {
        var node = new JsonObject { ["name"] = p.Name };
        switch (p.Kind)
        {
            case LevelProcessKind.InlineProgram:
                node["program"] = p.ProgramText;
                break;
            case LevelProcessKind.ProgramFile:
                node["programFile"] = p.ProgramFile!.RelativePath;
                break;
            default:
                node["elf"] = p.Elf!.RelativePath;
                node["args"] = Array(p.Args.Select(a => (JsonNode)a));
                break;
        }

        return node;
    }

    private static JsonObject Trace(LevelTrace t) => t.Generator is { } g
        ? new JsonObject { ["name"] = t.Name, ["generator"] = Generator(g), ["seed"] = t.Seed }
        : new JsonObject { ["name"] = t.Name, ["file"] = t.File!.RelativePath, ["format"] = LevelTrace.FormatNames[(int)t.Format] };

    private static JsonObject Generator(TraceGeneratorSpec g) => new()
    {
        ["kind"] = TraceGeneratorSpec.KindNames[(int)g.Kind],
        ["length"] = g.Length,
        ["pages"] = g.Pages,
        ["writePercent"] = g.WritePercent,
        ["hotPages"] = g.HotPages,
        ["hotPercent"] = g.HotPercent,
        ["phaseLength"] = g.PhaseLength,
        ["noisePercent"] = g.NoisePercent,
    };

    private static JsonObject Goal(LevelGoal goal) => goal switch
    {
        ProcessExitsGoal g => new JsonObject { ["kind"] = "exits", ["process"] = g.Process, ["status"] = g.Status },
        AllProcessesExitGoal g => new JsonObject { ["kind"] = "all-exit", ["status"] = g.Status },
        ProcessKilledGoal g => new JsonObject { ["kind"] = "killed", ["process"] = g.Process, ["signal"] = g.Signal, ["line"] = g.Line },
        TraceCompletesGoal g => new JsonObject { ["kind"] = "trace-completes", ["trace"] = g.Trace },
        TranslationsGoal g => new JsonObject { ["kind"] = "translations", ["count"] = g.Count },
        LayoutMatchesGoal g => new JsonObject { ["kind"] = "layout-matches", ["process"] = g.Process },
        _ => throw new InvalidOperationException("a goal kind the canonical form does not know"),
    };
}
