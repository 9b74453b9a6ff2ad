using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Levels.Yaml;

/// <summary>
/// Parses a level file's text into a YAML tree: exactly one document whose root is a mapping. Invalid YAML,
/// duplicate keys, an empty file or several documents become one <see cref="LevelFormatException"/> at the
/// position YamlDotNet reports.
/// </summary>
internal static class LevelYamlDocument
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> names it in messages.</summary>
    /// <returns>The root node (not yet checked to be a mapping).</returns>
    public static YamlNode Parse(string text, string file)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            string reason = e.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase)
                ? "a key appears twice in the same mapping; each field may be given once"
                : "not valid YAML: " + (e.InnerException?.Message ?? e.Message);
            throw new LevelFormatException(file, e.Start.Line, (int)e.Start.Column, "", reason);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some unterminated flow values.
            throw new LevelFormatException(file, scanner.CurrentPosition.Line, (int)scanner.CurrentPosition.Column, "",
                "not valid YAML: an unterminated [list], {map} or quoted value");
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
