using System.Globalization;
using VmQuest.Engine.Formats.Input;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Levels.Yaml;

/// <summary>
/// Bounds what aliases can do once the tree is built: an alias that refers to a mapping or list it is inside
/// makes the tree contain itself, and a few dozen aliases of aliases expand to billions of nodes. The shared
/// parser counts aliases, not what they expand to; this walk (each node once, memoised) refuses a cycle and
/// any tree whose expansion exceeds the node limit, so every later walk of the tree is bounded.
/// </summary>
internal static class YamlExpansionCheck
{
    public static void Check(YamlNode root, string file)
    {
        var sizes = new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance);
        var open = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        Size(root, file, sizes, open);
    }

    private static long Size(YamlNode node, string file, Dictionary<YamlNode, long> sizes, HashSet<YamlNode> open)
    {
        if (sizes.TryGetValue(node, out long known))
        {
            return known;
        }

        if (!open.Add(node))
        {
            throw new LevelFormatException(file, node.Start.Line, (int)node.Start.Column, "",
                "an alias (*name) refers to a mapping or list it is inside; YAML that contains itself cannot be read");
        }

        IEnumerable<YamlNode> children = node switch
        {
            YamlMappingNode map => map.Children.SelectMany(p => new[] { p.Key, p.Value }),
            YamlSequenceNode list => list.Children,
            _ => [],
        };
        long size = 1;
        foreach (var child in children)
        {
            size += Size(child, file, sizes, open);
            if (size > InputLimits.YamlNodes)
            {
                throw new LevelFormatException(file, node.Start.Line, (int)node.Start.Column, "", string.Create(CultureInfo.InvariantCulture,
                    $"YAML whose aliases expand to more than {InputLimits.YamlNodes:N0} nodes (the limit for {LevelYamlDocument.What})"));
            }
        }

        open.Remove(node);
        sizes[node] = size;
        return size;
    }
}
