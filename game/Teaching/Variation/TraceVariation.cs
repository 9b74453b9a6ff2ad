using System.Globalization;
using System.Text;
using VmQuest.Engine.Ecs;
using VmQuest.Engine.Formats.Refs;
using VmQuest.Levels.Model;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Teaching.Variation;

/// <summary>
/// The variation of the trace mechanics (victim, policy): every generated trace gets a seed of its own, drawn from
/// the variant's seed, so it has the same shape (kind, length, pages, hot set) and other references; every
/// reference-string file gets its page numbers renamed by a seeded permutation of the pages it uses, which keeps
/// every fault count of every policy (Belady's anomaly stays an anomaly) while the string the student sees is
/// their own. A briefing that quotes the string (space-separated, as in victim-belady's) is rewritten with it.
/// Lackey traces are kept as they are.
/// </summary>
public sealed class TraceVariation : IMechanicVariation
{
    /// <summary>The shared instance.</summary>
    public static TraceVariation Instance { get; } = new();

    /// <inheritdoc/>
    public string Describes => "the seed of every generated trace; the page numbers of every reference-string file (a seeded renaming)";

    /// <inheritdoc/>
    public void Apply(VariantDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!draft.Root.Children.TryGetValue(new YamlScalarNode("traces"), out var tracesNode) || tracesNode is not YamlSequenceNode traces)
        {
            return;
        }

        var renamed = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < draft.Original.Traces.Count; i++)
        {
            var trace = draft.Original.Traces[i];
            var node = (YamlMappingNode)traces.Children[i];
            if (trace.Generator is not null)
            {
                var generator = (YamlMappingNode)node.Children[new YamlScalarNode("generator")];
                ulong seed = VariantSeed.Derive(draft.Seed, i);
                generator.Children[new YamlScalarNode("seed")] = new YamlScalarNode(seed.ToString(CultureInfo.InvariantCulture));
                draft.Changed($"trace '{trace.Name}' is generated with a seed of its own", $"访问序列“{trace.Name}”用你自己的种子生成");
            }
            else if (trace.File is { } file && trace.Format == LevelTraceFormat.Refs && renamed.Add(file.RelativePath))
            {
                Rename(draft, trace, file, i);
            }
        }
    }

    private static void Rename(VariantDraft draft, LevelTrace trace, LevelFile file, int index)
    {
        var pages = ReferenceStringReader.Parse(Encoding.UTF8.GetString(file.Bytes), file.RelativePath);
        var distinct = pages.Distinct().Order().ToArray();
        var image = (ulong[])distinct.Clone();
        // Fisher–Yates with the engine's seeded generator: the same variant seed renames the same way everywhere.
        var random = new DeterministicRandom(VariantSeed.Derive(draft.Seed, index));
        for (int i = image.Length - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (image[i], image[j]) = (image[j], image[i]);
        }

        var rename = distinct.Zip(image).ToDictionary(p => p.First, p => p.Second);
        var renamedPages = pages.Select(p => rename[p]).ToList();
        var text = new StringBuilder();
        text.Append("# This variant's reference string (vmquest assign renamed the original's pages).\n");
        foreach (ulong page in renamedPages)
        {
            text.Append(page.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        draft.Files[file.RelativePath] = Encoding.UTF8.GetBytes(text.ToString());
        draft.Changed($"the page numbers of trace '{trace.Name}' are renamed", $"访问序列“{trace.Name}”的页号换成了另一套编号");
        if (pages.Count >= 2)
        {
            draft.SubstituteInBriefing(string.Join(' ', pages), string.Join(' ', renamedPages));
        }
    }
}
