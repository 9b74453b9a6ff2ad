using YamlDotNet.RepresentationModel;

namespace VmQuest.Engine.Machine.Loading;

/// <summary>
/// A YAML mapping with typed, position-aware accessors: every failure is an <see cref="InputFileException"/>
/// naming the file, the line of the offending node and what was expected.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;

    public YamlMap(YamlNode node, string file, string what)
    {
        File = file;
        if (node is not YamlMappingNode map)
        {
            throw Error(node, $"expected {what} as a mapping (key: value lines)");
        }

        _node = map;
    }

    public string File { get; }

    public long Line => _node.Start.Line;

    public InputFileException Error(YamlNode node, string reason) => new(File, node.Start.Line, reason);

    /// <summary>Rejects keys outside <paramref name="allowed"/>, naming the first unknown one.</summary>
    public void OnlyKeys(params string[] allowed)
    {
        foreach (var (key, _) in _node.Children)
        {
            string name = (key as YamlScalarNode)?.Value ?? "";
            if (Array.IndexOf(allowed, name) < 0)
            {
                throw Error(key, $"unknown key '{name}'; expected one of: {string.Join(", ", allowed)}");
            }
        }
    }

    public YamlNode? Node(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public YamlNode RequiredNode(string key) =>
        Node(key) ?? throw new InputFileException(File, Line, $"missing required key '{key}'");

    public string? Text(string key) => Node(key) is { } n ? Scalar(n, key) : null;

    public string RequiredText(string key) => Scalar(RequiredNode(key), key);

    public ulong? Number(string key) => Node(key) is { } n ? ParseNumber(n, key) : null;

    public ulong RequiredNumber(string key) => ParseNumber(RequiredNode(key), key);

    public ulong? Size(string key)
    {
        if (Node(key) is not { } n)
        {
            return null;
        }

        return NumberParser.TryParseSize(Scalar(n, key), out ulong v)
            ? v
            : throw Error(n, $"'{key}' must be a size like 4096, 4KiB or 64MiB, not '{Scalar(n, key)}'");
    }

    public bool? Bool(string key)
    {
        if (Node(key) is not { } n)
        {
            return null;
        }

        return Scalar(n, key) switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            var v => throw Error(n, $"'{key}' must be true or false, not '{v}'"),
        };
    }

    public IEnumerable<(string Key, YamlNode Value)> Entries()
    {
        foreach (var (key, value) in _node.Children)
        {
            yield return (Scalar(key, "key"), value);
        }
    }

    public YamlSequenceNode Sequence(string key, bool required)
    {
        YamlNode? node = required ? RequiredNode(key) : Node(key);
        if (node is null)
        {
            return new YamlSequenceNode();
        }

        return node as YamlSequenceNode ?? throw Error(node, $"'{key}' must be a list (lines starting with '- ')");
    }

    public string Scalar(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } v } ? v : throw Error(node, $"'{key}' must be a single value");

    public ulong ParseNumber(YamlNode node, string key)
    {
        string text = Scalar(node, key);
        return NumberParser.TryParse(text, out ulong v)
            ? v
            : throw Error(node, $"'{key}' must be a non-negative integer (decimal or 0x hex), not '{text}'");
    }
}
