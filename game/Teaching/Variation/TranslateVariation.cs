using System.Globalization;
using System.Text.RegularExpressions;
using VmQuest.Engine.Ecs;
using VmQuest.Engine.Formats;
using VmQuest.Levels.Loading;
using VmQuest.Levels.Model;
using VmQuest.Play.Translate;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Teaching.Variation;

/// <summary>
/// The variation of the translate mechanic: the program's addresses move, deterministically from the variant's
/// seed, while the walks keep the shape the level was built around. Every access of the program (an inline
/// <c>program:</c>) reaches a few bytes further (a multiple of 8 below 256: the offsets and so every physical
/// answer differ), and a program that allocates from the heap first allocates a pad of a whole number of TLB sets'
/// worth of pages (so its heap pages have other page numbers, in the same TLB sets). A candidate is kept only when
/// every translation stays the same kind — answered from the TLB or walked, as many entries read, the same fault or
/// none — so the lesson (the not-present walk, the set conflict, the string-literal write) is the original's;
/// up to <see cref="Attempts"/> candidates are tried, and a level none fits keeps its content (only its identity
/// differs). A <c>program-file</c> is kept as it is.
/// </summary>
public sealed partial class TranslateVariation : IMechanicVariation
{
    /// <summary>How many seeded candidates are tried before the content is kept.</summary>
    public const int Attempts = 12;

    /// <summary>The name the heap pad is bound to in a varied program.</summary>
    public const string PadName = "assign_pad";

    /// <summary>The shared instance.</summary>
    public static TranslateVariation Instance { get; } = new();

    /// <inheritdoc/>
    public string Describes => "the program's addresses: every access a few bytes further, heap allocations whole TLB sets higher; the walks keep their shape";

    /// <inheritdoc/>
    public void Apply(VariantDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (ProgramNode(draft.Root) is not { } program || program.Value is not { } text)
        {
            return;
        }

        var original = Shape(draft.Original);
        var sets = Math.Max(1, draft.Original.Kernel.TlbEntries / Math.Max(1, draft.Original.Kernel.TlbWays));
        var random = new DeterministicRandom(VariantSeed.Derive(draft.Seed, 0));
        var allocates = MallocLine().IsMatch(text);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            ulong shift = 8UL * (1 + random.NextBelow(31));
            ulong padPages = allocates ? (ulong)sets * (1 + random.NextBelow(4)) : 0;
            var varied = Vary(text, shift, padPages * draft.Original.Machine.Description.PageSize);
            program.Value = varied;
            if (Fits(draft, original))
            {
                draft.Changed(
                    padPages > 0
                        ? string.Create(CultureInfo.InvariantCulture, $"every access of the program is {shift} bytes further and its heap {padPages} pages higher")
                        : string.Create(CultureInfo.InvariantCulture, $"every access of the program is {shift} bytes further"),
                    padPages > 0
                        ? string.Create(CultureInfo.InvariantCulture, $"程序的每次访问都向后移了 {shift} 字节，堆上的页号高了 {padPages} 页")
                        : string.Create(CultureInfo.InvariantCulture, $"程序的每次访问都向后移了 {shift} 字节"));
                return;
            }
        }

        program.Value = text; // nothing fits: the original's content, only the identity differs
    }

    /// <summary>
    /// <paramref name="program"/> with every access's address <paramref name="shift"/> bytes further and, when
    /// <paramref name="padBytes"/> is not 0, an allocation of that many bytes before its first line.
    /// </summary>
    public static string Vary(string program, ulong shift, ulong padBytes)
    {
        ArgumentNullException.ThrowIfNull(program);
        var lines = program.Split('\n').Select(line => AccessLine().Replace(line, m =>
        {
            var address = m.Groups["address"].Value.TrimEnd();
            return string.Create(CultureInfo.InvariantCulture, $"{m.Groups["lead"].Value}({address}) + {shift}{m.Groups["rest"].Value}");
        }));
        var body = string.Join('\n', lines);
        return padBytes == 0 ? body : string.Create(CultureInfo.InvariantCulture, $"malloc {PadName} {padBytes}\n") + body;
    }

    /// <summary>What each translation of <paramref name="level"/> is, as the reference plays it: a TLB answer or a walk, its entries, its fault.</summary>
    public static IReadOnlyList<(bool FromTlb, int Entries, string? Fault)> Shape(Level level)
    {
        var session = new TranslateSession(level);
        var shape = new List<(bool, int, string?)>();
        session.Run();
        while (session.Pending is { } t)
        {
            shape.Add((t.TlbAnswer is not null, t.Steps.Count, t.FaultWord));
            if (t.TlbAnswer is { } cached)
            {
                session.AnswerPhysical(cached);
            }
            else
            {
                while (!t.WalkComplete)
                {
                    session.ReadEntry(t.EntriesRead, t.Steps[t.EntriesRead].Index);
                }

                _ = t.FaultWord is { } fault ? session.AnswerFault(fault) : session.AnswerPhysical(t.Outcome.PhysicalAddress);
            }

            session.Run();
        }

        return shape;
    }

    // The candidate loads, plays, and every translation is the same kind as the original's.
    private static bool Fits(VariantDraft draft, IReadOnlyList<(bool, int, string?)> original)
    {
        try
        {
            var candidate = LevelLoader.Parse(VariantBuilder.Emit(draft.Root), draft.Original.SourcePath);
            return Shape(candidate).SequenceEqual(original);
        }
        catch (Exception e) when (e is FormatParseException or InvalidOperationException)
        {
            return false; // a candidate the loader or the session refuses is just not this variant
        }
    }

    private static YamlScalarNode? ProgramNode(YamlMappingNode root) =>
        root.Children.TryGetValue(new YamlScalarNode("processes"), out var processes)
        && processes is YamlSequenceNode { Children.Count: 1 } list
        && list.Children[0] is YamlMappingNode process
        && process.Children.TryGetValue(new YamlScalarNode("program"), out var program)
            ? program as YamlScalarNode
            : null;

    // An access statement: its keyword, its address, and the rest (a write's "= VALUE", a comment).
    [GeneratedRegex(@"^(?<lead>\s*(?:read|touch|fetch|exec-fetch|write)\s+)(?<address>[^=#\n]+?)(?<rest>\s*(?:=[^#\n]*)?(?:#.*)?)$")]
    private static partial Regex AccessLine();

    [GeneratedRegex(@"^\s*malloc\s", RegexOptions.Multiline)]
    private static partial Regex MallocLine();
}
