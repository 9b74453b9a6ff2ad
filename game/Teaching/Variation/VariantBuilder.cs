using System.Globalization;
using VmQuest.Engine.Formats.Output;
using VmQuest.Levels.Loading;
using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;
using VmQuest.Play;
using VmQuest.Replays;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Teaching.Variation;

/// <summary>One student's variant, made: the two level texts, the folder's files, the key's replay and what it all is.</summary>
/// <param name="Student">The student id.</param>
/// <param name="Level">The variant as the game's loader read it (from the key folder).</param>
/// <param name="Seed">The variant's seed.</param>
/// <param name="StudentText">The level file the student receives (no solution).</param>
/// <param name="KeyText">The teacher's copy (names its solution).</param>
/// <param name="Files">Every other file of the variant's folder, by relative path.</param>
/// <param name="Solution">The reference solution's replay.</param>
/// <param name="Changes">What differs from the original (English), empty when only the identity does.</param>
public sealed record Variant(string Student, Level Level, ulong Seed, string StudentText, string KeyText,
    IReadOnlyDictionary<string, byte[]> Files, ReplayFile Solution, IReadOnlyList<string> Changes);

/// <summary>
/// Makes one student's variant of a level: its id gets the student's mark (so its hash is its own), its mechanic's
/// variation changes what the mechanic allows (<see cref="MechanicVariations"/>), the game's loader reads the result,
/// the mechanic's reference player plays it (the key's solution), its pars are worked out (<see cref="VariantPars"/>)
/// and its briefing says whose copy it is and what differs (the briefing screen shows the pars). Deterministic: the same level text, student and seed give the same bytes.
/// </summary>
public static class VariantBuilder
{
    /// <summary>The longest original id kept in a variant's id, so the mark (<c>-</c> and 8 hex digits) fits in 64 characters.</summary>
    public const int IdStemLength = 55;

    /// <summary>The variant's level id: the original's (shortened to <see cref="IdStemLength"/>) and the student's mark.</summary>
    public static string VariantId(Level original, string mark) =>
        original.Id[..Math.Min(original.Id.Length, IdStemLength)].TrimEnd('-') + "-" + mark;

    /// <summary>
    /// Builds <paramref name="student"/>'s variant of <paramref name="original"/> (loaded from <paramref name="originalText"/>).
    /// The variant's files are written to <paramref name="keyFolder"/> first, since the loader reads a level's files from its folder.
    /// </summary>
    /// <param name="original">The level.</param>
    /// <param name="originalText">The level file's text, as loaded.</param>
    /// <param name="originalReference">The metrics of the original's reference run.</param>
    /// <param name="student">The student id.</param>
    /// <param name="teacherSeed">The teacher's <c>--seed</c>.</param>
    /// <param name="keyFolder">The teacher's folder for this student (created when missing).</param>
    /// <param name="fileName">The level file's name in the folders (<c>ID.yaml</c>).</param>
    public static Variant Build(Level original, string originalText, IReadOnlyList<ClaimedMetric> originalReference,
        string student, ulong teacherSeed, string keyFolder, string fileName)
    {
        ArgumentNullException.ThrowIfNull(original);
        ulong seed = VariantSeed.Of(original.Hash, student, teacherSeed);
        var root = (YamlMappingNode)LevelYamlDocument.Parse(originalText, original.SourcePath);
        root.Children[new YamlScalarNode("id")] = new YamlScalarNode(VariantId(original, VariantSeed.Mark(original.Hash, student, teacherSeed)));
        root.Children.Remove(new YamlScalarNode("solution"));
        var draft = new VariantDraft(original, root, seed);
        MechanicVariations.Of(original.Player.Mechanics[0]).Apply(draft);

        foreach (var (path, bytes) in draft.Files)
        {
            AtomicFile.WriteAllBytes(Path.Combine(keyFolder, path), bytes);
        }

        string keyPath = Path.Combine(keyFolder, fileName);
        var drafted = LevelLoader.Parse(Emit(root), keyPath);
        var session = LevelSessions.PlayersOf(drafted).PlayReference(drafted);
        if (!session.IsWon)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"the reference player does not win {student}'s variant of {original.Id}: {session.Failure ?? "it did not finish"}"));
        }

        var reference = session.Metrics();
        var pars = draft.Changes.Count == 0
            ? [.. original.Metrics.Select(m => (m.Name, m.Par))]
            : VariantPars.Of(original, originalReference, drafted, reference);
        SetPars(root, pars);
        if (draft.Changes.Count > 0)
        {
            ScaleBounds(root, originalReference, reference, pars);
        }

        SetBriefing(root, original, draft, student);
        string header = $"# {student}'s copy of level '{original.Id}', made by 'vmquest assign' (docs/teaching.md).\n"
            + $"# Play it ('vmquest play {fileName}'), then hand in its replay as {student}.vmqr: a replay of another copy does not pass.\n";
        string studentText = header + Emit(root);
        root.Children[new YamlScalarNode("solution")] = new YamlScalarNode(SolutionName(fileName));
        string keyText = header + Emit(root);
        // Read as the student's copy (no solution yet: the caller writes the key's beside it); the hash is the key's too.
        var variant = LevelLoader.Parse(studentText, keyPath);
        return new Variant(student, variant, seed, studentText, keyText, draft.Files, session.ToReplay(), [.. draft.Changes.Select(c => c.En)]);
    }

    /// <summary>The key's solution file beside <paramref name="fileName"/>: <c>ID.solution.vmqr</c>.</summary>
    public static string SolutionName(string fileName) => Path.GetFileNameWithoutExtension(fileName) + ".solution.vmqr";

    internal static string Emit(YamlMappingNode root)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        string text = writer.ToString();
        // The emitter closes the document with "...": a level file is one document, and reads the same without it.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static void SetPars(YamlMappingNode root, IReadOnlyList<(string Name, long Par)> pars)
    {
        foreach (var node in ((YamlSequenceNode)root.Children[new YamlScalarNode("metrics")]).Children.Cast<YamlMappingNode>())
        {
            string name = ((YamlScalarNode)node.Children[new YamlScalarNode("name")]).Value!;
            node.Children[new YamlScalarNode("par")] = new YamlScalarNode(pars.First(p => p.Name == name).Par.ToString(CultureInfo.InvariantCulture));
        }
    }

    // A stated bound holds for the original's content only: on a varied copy it is scaled like a reference-scaled
    // par (rounded down, at most the new par), an estimate the docs call one.
    private static void ScaleBounds(YamlMappingNode root, IReadOnlyList<ClaimedMetric> originalReference,
        IReadOnlyList<ClaimedMetric> reference, IReadOnlyList<(string Name, long Par)> pars)
    {
        foreach (var node in ((YamlSequenceNode)root.Children[new YamlScalarNode("optimum")]).Children.Cast<YamlMappingNode>())
        {
            if (!node.Children.TryGetValue(new YamlScalarNode("bound"), out var boundNode))
            {
                continue;
            }

            string name = ((YamlScalarNode)node.Children[new YamlScalarNode("metric")]).Value!;
            long bound = long.Parse(((YamlScalarNode)boundNode).Value!, CultureInfo.InvariantCulture);
            long from = originalReference.FirstOrDefault(m => m.Name == name).Value;
            long to = reference.FirstOrDefault(m => m.Name == name).Value;
            long scaled = from > 0 ? (long)((System.Numerics.BigInteger)bound * to / from) : bound;
            node.Children[new YamlScalarNode("bound")] = new YamlScalarNode(
                Math.Clamp(scaled, 1, pars.First(p => p.Name == name).Par).ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void SetBriefing(YamlMappingNode root, Level original, VariantDraft draft, string student)
    {
        string en = draft.Changes.Count == 0
            ? $"Your own copy, for {student}: the level is the original's, but your replay is tied to this copy; one made for another copy does not pass."
            : $"Your own copy, for {student}: {string.Join("; ", draft.Changes.Select(c => c.En))} (figures above may be the original level's). "
              + "Hand in the replay of this copy; one made for another copy does not pass.";
        string zh = draft.Changes.Count == 0
            ? $"这是你自己的副本（{student}）：关卡内容与原关卡相同，但你的回放只对这份副本有效，为别人的副本录制的回放不能通过。"
            : $"这是你自己的副本（{student}）：{string.Join("；", draft.Changes.Select(c => c.ZhHans))}（上文的数字可能属于原关卡）。"
              + "请提交这份副本的回放，为别人的副本录制的回放不能通过。";
        var briefing = new YamlMappingNode();
        foreach (var (language, text, note) in new[] { ("en", original.Briefing.En, en), ("zh-Hans", original.Briefing.ZhHans, zh) })
        {
            string body = draft.BriefingSubstitutions.Aggregate(text, (t, s) => t.Replace(s.From, s.To, StringComparison.Ordinal));
            string withNote = body.TrimEnd('\n') + "\n\n" + note;
            // A briefing already near its limit keeps its text without the note rather than being refused.
            briefing.Add(language, new YamlScalarNode(withNote.Length <= Levels.LevelLimits.TextLength ? withNote : body)
            {
                Style = YamlDotNet.Core.ScalarStyle.Literal,
            });
        }

        root.Children[new YamlScalarNode("briefing")] = briefing;
    }
}
