using VmQuest.Engine.Formats.Input;
using VmQuest.Levels.Hashing;
using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Levels.Loading;

/// <summary>
/// Loads and validates a level file (format: docs/levels.md). Every problem is one exception whose message is
/// one line, <c>FILE:LINE:COL: FIELD: what was expected</c> — a <see cref="LevelFormatException"/> for the level
/// file, or a <c>FormatParseException</c> at the line of a file the level uses (a trace, a program, a machine
/// file). Nothing else escapes for bad input.
/// </summary>
/// <remarks>
/// Unknown fields are errors, so a typo never passes silently. The level file and every file it names are read
/// once through <c>InputFile</c> with the limits of <see cref="LevelLimits"/>, and only from inside the level's
/// folder (<see cref="LevelFolder"/>). The returned level carries those bytes and its hash.
/// </remarks>
public static class LevelLoader
{
    private static readonly string[] TopFields =
    [
        "id", "version", "title", "briefing", "hint", "machine", "frames", "kernel", "processes", "traces",
        "player", "goals", "metrics", "optimum", "hidden-tests", "solution",
    ];

    /// <summary>Reads and validates the level file at <paramref name="path"/> (named in messages as given).</summary>
    public static Level Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = InputFile.ReadAllText(path, LevelLimits.LevelFileBytes, "a level file");
        return Parse(text, path);
    }

    /// <summary>Validates level text as if it were the file <paramref name="path"/> (whose folder holds its files).</summary>
    public static Level Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        if (text.Length > LevelLimits.LevelFileBytes)
        {
            throw InputFile.TooLarge(path, LevelLimits.LevelFileBytes, LevelYamlDocument.What);
        }

        var root = new LevelNode(LevelYamlDocument.Parse(text, path), "", path);
        var top = root.Map("a level", TopFields);
        var folder = new LevelFolder(path);

        string id = top.Required("id", "the level's id (a slug like 'belady-anomaly')").Slug("a level id");
        int version = (int)top.Required("version", "the level's version (a positive integer)").Integer(1, int.MaxValue);
        var title = LocalizedTextReader.Read(top.Required("title", "a title in en and zh-Hans"), LevelLimits.TitleLength, oneLine: true);
        var briefing = LocalizedTextReader.Read(top.Required("briefing", "a briefing in en and zh-Hans"), LevelLimits.TextLength);
        var hint = LocalizedTextReader.Read(top.Required("hint", "a hint in en and zh-Hans"), LevelLimits.TextLength);
        var machine = MachineReader.Read(top.Optional("machine"), folder, text);
        int? frames = Frames(top.Optional("frames"), machine.Description.FrameCount);
        var kernel = KernelReader.Read(top.Optional("kernel"), machine.Description);
        var processes = Named(top.Optional("processes"), "processes", LevelLimits.Processes, n => ProcessReader.Read(n, folder, text), p => p.Name);
        var traces = Named(top.Optional("traces"), "traces", LevelLimits.Traces, n => TraceReader.Read(n, folder), t => t.Name);
        var playerNode = top.Required("player", "the player's decisions ({ mechanics: [...] })");
        var player = PlayerReader.Read(playerNode);
        var goals = top.Required("goals", "the goals").List("goals", 1, LevelLimits.Goals)
            .Select(g => GoalReader.Read(g, processes, traces)).ToList();
        var metrics = ScoringReader.Metrics(top.Required("metrics", "3 or 4 metrics with pars"), player);
        var optimum = ScoringReader.Optimum(top.Required("optimum", "the optimum of at least one metric"), metrics, traces.Count > 0);
        LevelHiddenTests? hidden = top.Optional("hidden-tests") is { } hiddenNode
            ? (player.Has(Mechanic.Policy)
                ? ScoringReader.HiddenTests(hiddenNode, frames)
                : throw hiddenNode.Error("only a level whose player writes the policy ('policy' in player.mechanics) has hidden tests"))
            : null;
        var solution = top.Optional("solution") is { } solutionNode ? folder.Read(solutionNode, LevelLimits.SolutionFileBytes, "a replay") : null;

        LevelRules.Check(top, playerNode, player, processes, traces, frames, hidden);
        var files = folder.Files.Where(f => f != solution || IsUsedElsewhere(f, machine, processes, traces))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
        var level = new Level(id, version, title, briefing, hint, machine, frames, kernel, processes, traces, player, goals, metrics,
            optimum, hidden, solution, path, folder.Root, files, "", "");
        string canonical = LevelCanonicalForm.Build(level);
        return level with { CanonicalForm = canonical, Hash = LevelHash.Of(canonical) };
    }

    private static bool IsUsedElsewhere(LevelFile file, LevelMachine machine, IReadOnlyList<LevelProcess> processes, IReadOnlyList<LevelTrace> traces) =>
        machine.File == file || traces.Any(t => t.File == file)
        || processes.Any(p => p.Elf == file || p.ProgramFile == file || p.ProgramFiles.Values.Contains(file));

    private static int? Frames(LevelNode? node, ulong physicalFrames)
    {
        if (node is null)
        {
            return null;
        }

        long most = (long)Math.Min(physicalFrames, 1UL << 20);
        return (int)node.Integer(1, most);
    }

    private static List<T> Named<T>(LevelNode? node, string what, int max, Func<LevelNode, T> read, Func<T, string> name)
    {
        if (node is null)
        {
            return [];
        }

        var items = new List<T>();
        foreach (var item in node.List(what, 1, max))
        {
            var value = read(item);
            if (items.Any(i => name(i) == name(value)))
            {
                // The entry read fine, so it is a mapping with a name.
                var nameNode = new LevelNode(((YamlMappingNode)item.Node).Children[new YamlScalarNode("name")], item.Path + ".name", item.File);
                throw nameNode.Error($"the name '{name(value)}' is already used by an earlier entry of {what}");
            }

            items.Add(value);
        }

        return items;
    }
}
