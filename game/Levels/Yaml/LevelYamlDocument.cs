using VmQuest.Engine.Formats.Input;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Levels.Yaml;

/// <summary>
/// Parses a level file's text into a YAML tree through the shared <see cref="LimitedYamlParser"/> (nesting,
/// alias and node limits of docs/input-limits.md, checked while parsing). Exactly one document is expected.
/// Invalid YAML, a duplicate key, an empty file or a second document become one line at the position found.
/// </summary>
internal static class LevelYamlDocument
{
    /// <summary>What a level file is, in messages about its limits.</summary>
    public const string What = "a level file";

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> names it in messages.</summary>
    /// <returns>The root node (not yet checked to be a mapping).</returns>
    public static YamlNode Parse(string text, string file)
    {
        var stream = new YamlStream();
        new LimitedYamlParser(text, file, What).Load(parser =>
        {
            try
            {
                stream.Load(parser);
            }
            catch (YamlException e) when (e.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase))
            {
                throw new LevelFormatException(file, e.Start.Line, (int)e.Start.Column, "", "a key appears twice in the same mapping; each field may be given once");
            }

            return stream;
        });

        if (stream.Documents.Count == 1)
        {
            YamlExpansionCheck.Check(stream.Documents[0].RootNode, file);
        }

        return stream.Documents.Count switch
        {
            0 => throw new LevelFormatException(file, 1, 1, "", "empty file; expected a level (id, version, title, …)"),
            1 => stream.Documents[0].RootNode,
            _ => throw new LevelFormatException(file, stream.Documents[1].RootNode.Start.Line, (int)stream.Documents[1].RootNode.Start.Column, "",
                "a second YAML document ('---'); a level file holds one level"),
        };
    }
}
