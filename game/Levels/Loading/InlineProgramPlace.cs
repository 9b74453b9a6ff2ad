using System.Globalization;
using VmQuest.Engine.Formats;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using VmQuest.Levels.Yaml;

namespace VmQuest.Levels.Loading;

/// <summary>
/// Where a line and column of a program written inside a level file are in the level file itself, so an error
/// in an inline program points at the level's own line. Exact for literal blocks (<c>program: |</c>, the
/// documented form); for a one-line value the column is counted from the value's start; for other multi-line
/// styles the value's first line is named.
/// </summary>
internal sealed class InlineProgramPlace
{
    /// <summary>The file name the workload parser is given, so its positions can be told from the level's.</summary>
    public const string ParserFile = "<inline>";

    private readonly LevelNode _node;
    private readonly int _blockIndent;

    public InlineProgramPlace(LevelNode node, string levelText)
    {
        _node = node;
        if (node.Node is YamlScalarNode { Style: ScalarStyle.Literal })
        {
            // The content starts on the line after the '|'; its indentation is that of its first non-blank line.
            string[] lines = levelText.Split('\n');
            for (long i = node.Line; i < lines.Length; i++)
            {
                string line = lines[i].TrimEnd('\r');
                if (line.Trim().Length > 0)
                {
                    _blockIndent = line.Length - line.TrimStart(' ').Length;
                    break;
                }
            }
        }
    }

    /// <summary>An error in the level file at the program's <paramref name="line"/> and <paramref name="column"/>.</summary>
    public LevelFormatException At(long line, int column, string description)
    {
        var node = _node.Node;
        if (line <= 0)
        {
            return _node.Error(description);
        }

        if (node is YamlScalarNode { Style: ScalarStyle.Literal })
        {
            return new LevelFormatException(_node.File, _node.Line + line, column > 0 ? _blockIndent + column : 0, _node.Path, description);
        }

        if (line == 1 && node is YamlScalarNode s && !s.Value!.Contains('\n', StringComparison.Ordinal))
        {
            int quote = s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
            return new LevelFormatException(_node.File, _node.Line, column > 0 ? _node.Column + quote + column - 1 : _node.Column, _node.Path, description);
        }

        return _node.Error(FormattableString.Invariant($"line {line} of the program: {description}"));
    }

    /// <summary>Re-states a parser error (named <see cref="ParserFile"/>) at the level file's position.</summary>
    public LevelFormatException Restate(FormatParseException e)
    {
        string prefix = ParserFile + (e.Line > 0 ? ":" + e.Line.ToString(CultureInfo.InvariantCulture) : "")
            + (e.Line > 0 && e.Column > 0 ? ":" + e.Column.ToString(CultureInfo.InvariantCulture) : "") + ": ";
        string description = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
        return At(e.Line, e.Column, description);
    }
}
