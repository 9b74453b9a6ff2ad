using VmQuest.Levels.Model;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Teaching.Variation;

/// <summary>
/// One student's variant while it is being made: the original level, its YAML tree (a copy to edit), the bytes of
/// every file the variant's folder will hold, and what the mechanic's variation changed. A variation edits the tree
/// and the files; <see cref="VariantBuilder"/> then loads the result with the game's own loader.
/// </summary>
public sealed class VariantDraft
{
    private readonly List<(string From, string To)> _briefingSubstitutions = [];
    private readonly List<(string En, string ZhHans)> _changes = [];

    /// <summary>A draft of <paramref name="original"/> whose tree is <paramref name="root"/>, drawing from <paramref name="seed"/>.</summary>
    public VariantDraft(Level original, YamlMappingNode root, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(root);
        Original = original;
        Root = root;
        Seed = seed;
        Files = original.Files.ToDictionary(f => f.RelativePath, f => f.Bytes, StringComparer.Ordinal);
    }

    /// <summary>The level the variant is made from.</summary>
    public Level Original { get; }

    /// <summary>The variant's YAML tree (the original's, edited in place).</summary>
    public YamlMappingNode Root { get; }

    /// <summary>The variant's seed (<see cref="VariantSeed"/>).</summary>
    public ulong Seed { get; }

    /// <summary>The files of the variant's folder by relative path: the original's, with the variation's replacements.</summary>
    public Dictionary<string, byte[]> Files { get; }

    /// <summary>What the variation changed, one short phrase each in English and Simplified Chinese (empty: only the identity differs).</summary>
    public IReadOnlyList<(string En, string ZhHans)> Changes => _changes;

    /// <summary>Texts of the briefing (both languages) to replace, e.g. a reference string quoted in it.</summary>
    public IReadOnlyList<(string From, string To)> BriefingSubstitutions => _briefingSubstitutions;

    /// <summary>Records a change (for the manifest and the briefing's note).</summary>
    public void Changed(string en, string zhHans) => _changes.Add((en, zhHans));

    /// <summary>Asks for <paramref name="from"/> to become <paramref name="to"/> wherever the briefing quotes it.</summary>
    public void SubstituteInBriefing(string from, string to) => _briefingSubstitutions.Add((from, to));
}
