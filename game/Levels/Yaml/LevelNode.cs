using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Levels.Yaml;

/// <summary>
/// One node of a level file together with its field path (<c>metrics[2].par</c>) and file, with typed readers
/// that fail with <c>FILE:LINE:COL: FIELD: expected …, found …</c>.
/// </summary>
/// <remarks>
/// Typing is strict, so a typo does not pass as a different value: integers and booleans must be plain
/// (unquoted) scalars; texts may use any quoting style. Positions are YamlDotNet's, 1-based.
/// </remarks>
internal sealed class LevelNode
{
    // Everything but control characters, of which only line feed and tab are kept (block texts, programs).
    private static readonly System.Buffers.SearchValues<char> Printable = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => !char.IsControl(c) || c is '\n' or '\t')]);

    public LevelNode(YamlNode node, string path, string file)
    {
        Node = node;
        Path = path;
        File = file;
    }

    public YamlNode Node { get; }

    public string Path { get; }

    public string File { get; }

    public long Line => Node.Start.Line;

    public int Column => (int)Node.Start.Column;

    public LevelFormatException Error(string description) => new(File, Line, Column, Path, description);

    public LevelFormatException Expected(string what) => Error($"expected {what}, found {Describe()}");

    public LevelMap Map(string what, params string[] allowed) =>
        Node is YamlMappingNode map ? new LevelMap(this, map, allowed) : throw Expected(what + " (a mapping of key: value lines)");

    public IReadOnlyList<LevelNode> List(string what, int min, int max)
    {
        if (Node is not YamlSequenceNode sequence)
        {
            throw Expected("a list of " + what + " (lines starting with '- ')");
        }

        int count = sequence.Children.Count;
        if (count < min || count > max)
        {
            throw Error(min == max
                ? $"expected exactly {min} {what}, found {count}"
                : $"expected {min} to {max} {what}, found {count}");
        }

        return [.. sequence.Children.Select((child, i) => new LevelNode(child, $"{Path}[{i}]", File))];
    }

    /// <summary>A scalar's text, any quoting style; at most <paramref name="maxLength"/> characters, not empty.</summary>
    public string Text(string what, int maxLength)
    {
        if (Node is not YamlScalarNode { Value: { } value })
        {
            throw Expected(what);
        }

        if (value.Trim().Length == 0)
        {
            throw Error($"expected {what}, found an empty value");
        }

        int control = value.AsSpan().IndexOfAnyExcept(Printable);
        if (control >= 0)
        {
            // Texts reach terminals and screens: an escape sequence in a title must not repaint someone's terminal.
            throw Error($"expected {what} without control characters, found U+{(int)value[control]:X4} at character {control + 1}");
        }

        return value.Length > maxLength ? throw Error($"expected {what} of at most {maxLength} characters, found {value.Length}") : value;
    }

    /// <summary>Like <see cref="Text"/>, on one line (titles).</summary>
    public string OneLineText(string what, int maxLength)
    {
        string text = Text(what, maxLength);
        return text.Contains('\n', StringComparison.Ordinal) ? throw Error($"expected {what} on one line") : text;
    }

    /// <summary>A slug: lowercase ASCII letters and digits, words joined by single hyphens, at most 64 characters.</summary>
    public string Slug(string what)
    {
        string text = Text(what, 64);
        return IsSlug(text) ? text : throw Expected(what + " (lowercase letters, digits and single hyphens, like 'belady-anomaly')");
    }

    /// <summary>An unquoted decimal integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long Integer(long min, long max)
    {
        string range = max == long.MaxValue ? $"an integer of at least {min}" : $"an integer from {min} to {max}";
        if (min == 1 && max >= int.MaxValue)
        {
            range = "a positive integer";
        }

        if (Node is not YamlScalarNode { Style: ScalarStyle.Plain, Value: { } text }
            || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw Expected(range);
        }

        return value < min || value > max ? throw Expected(range) : value;
    }

    /// <summary>An unquoted decimal integer of 0 to 2^64 − 1 (seeds).</summary>
    public ulong Unsigned64()
    {
        return Node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } text }
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw Expected("an integer from 0 to 18446744073709551615");
    }

    /// <summary>An unquoted <c>true</c> or <c>false</c>.</summary>
    public bool Boolean() => Node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } s
        ? s.Value == "true"
        : throw Expected("true or false");

    /// <summary>One of <paramref name="choices"/>, exactly as written.</summary>
    public string Choice(string what, IReadOnlyList<string> choices)
    {
        if (Node is YamlScalarNode { Value: { } text } && choices.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        throw Expected($"{what}: one of {string.Join(", ", choices)}");
    }

    /// <summary>How the node reads in "found …": its text quoted, or what kind of node it is.</summary>
    public string Describe() => Node switch
    {
        YamlScalarNode { Value: null or "" } => "an empty value",
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted, Value: { } v } => "the quoted text " + OneLine.Quote(v),
        YamlScalarNode { Value: { } v } => OneLine.Quote(v),
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    internal static bool IsSlug(string text)
    {
        if (text.Length is 0 or > 64 || text[0] == '-' || text[^1] == '-' || text.Contains("--", StringComparison.Ordinal))
        {
            return false;
        }

        return text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
    }
}
