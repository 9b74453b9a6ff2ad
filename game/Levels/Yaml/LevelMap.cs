using YamlDotNet.RepresentationModel;

namespace VmQuest.Levels.Yaml;

/// <summary>
/// A mapping of a level file whose keys are checked once against the fields it may hold: an unknown key (a
/// typo) is an error naming the fields it could have been, so no misspelt field is silently ignored.
/// </summary>
internal sealed class LevelMap
{
    private readonly Dictionary<string, LevelNode> _fields = new(StringComparer.Ordinal);
    private readonly LevelNode _self;

    public LevelMap(LevelNode self, YamlMappingNode map, IReadOnlyList<string> allowed)
    {
        _self = self;
        foreach (var (key, value) in map.Children)
        {
            var keyNode = new LevelNode(key, self.Path, self.File);
            if (key is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                throw keyNode.Expected("a field name");
            }

            string path = self.Path.Length == 0 ? name : self.Path + "." + name;
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw new LevelFormatException(self.File, key.Start.Line, (int)key.Start.Column, path,
                    $"unknown field; expected one of: {string.Join(", ", allowed)}");
            }

            _fields[name] = new LevelNode(value, path, self.File);
        }
    }

    public LevelNode Self => _self;

    public bool Has(string key) => _fields.ContainsKey(key);

    public LevelNode? Optional(string key) => _fields.GetValueOrDefault(key);

    public LevelNode Required(string key, string what) =>
        Optional(key) ?? throw new LevelFormatException(_self.File, _self.Line, _self.Column, Child(key), $"missing; expected {what}");

    /// <summary>The path a field of this mapping has, for messages about a field that is absent.</summary>
    public string Child(string key) => _self.Path.Length == 0 ? key : _self.Path + "." + key;

    /// <summary>Requires exactly one of <paramref name="keys"/>, returning which.</summary>
    public string ExactlyOne(string what, params string[] keys)
    {
        // In file order, so the message points at the field written second.
        var present = keys.Where(Has).OrderBy(k => _fields[k].Line).ThenBy(k => _fields[k].Column).ToList();
        return present.Count switch
        {
            1 => present[0],
            0 => throw _self.Error($"expected {what}: one of the fields {string.Join(", ", keys)}"),
            _ => throw new LevelFormatException(_self.File, _fields[present[1]].Line, _fields[present[1]].Column, _fields[present[1]].Path,
                $"only one of {string.Join(", ", keys)} may be given, and '{present[0]}' already is"),
        };
    }
}
