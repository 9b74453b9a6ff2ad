using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VmQuest.Engine.Formats.Input;

/// <summary>
/// A YamlDotNet <see cref="IParser"/> that passes events through while counting them, and stops with a
/// <see cref="FormatParseException"/> as soon as the stream nests deeper, uses more aliases or holds more nodes
/// than its limits (by default <see cref="InputLimits.YamlDepth"/>, <see cref="InputLimits.YamlAliases"/> and
/// <see cref="InputLimits.YamlNodes"/>; counted over all documents together). Give it to <c>YamlStream.Load</c> or
/// a deserializer: the check happens event by event, before the consumer builds (recursively) the node that
/// would cross the limit, so 100,000-deep input cannot overflow the stack and an alias bomb is refused at its
/// 65th alias.
/// </summary>
/// <remarks>
/// Messages are <c>FILE:LINE:COL: YAML nested deeper than 32 levels (the limit for a machine description)</c> and
/// the like, positioned at the event that crossed the limit. Syntax errors from YamlDotNet's own scanner and parser
/// pass through unchanged as <see cref="YamlException"/>; <see cref="Load{T}"/> turns those into one line too.
/// </remarks>
public sealed class LimitedYamlParser : IParser
{
    private readonly Scanner _scanner;
    private readonly Parser _inner;
    private readonly string _file;
    private readonly string _what;
    private readonly int _maxDepth;
    private readonly int _maxAliases;
    private readonly int _maxNodes;
    private int _depth;
    private int _aliases;
    private int _nodes;

    /// <summary>Wraps a parser over <paramref name="text"/>.</summary>
    /// <param name="text">The YAML text (already bounded in size by its reader).</param>
    /// <param name="file">Name used in messages.</param>
    /// <param name="what">What the file is, for messages: <c>"a machine description"</c>.</param>
    /// <param name="maxDepth">Deepest nesting of collections; a format documents its own if it differs from the default.</param>
    /// <param name="maxAliases">Most aliases.</param>
    /// <param name="maxNodes">Most nodes.</param>
    public LimitedYamlParser(string text, string file, string what,
        int maxDepth = InputLimits.YamlDepth, int maxAliases = InputLimits.YamlAliases, int maxNodes = InputLimits.YamlNodes)
    {
        ArgumentNullException.ThrowIfNull(text);
        _maxDepth = maxDepth;
        _maxAliases = maxAliases;
        _maxNodes = maxNodes;
        _scanner = new Scanner(new StringReader(text), skipComments: true);
        _inner = new Parser(_scanner);
        _file = file;
        _what = what;
    }

    /// <inheritdoc/>
    public ParsingEvent? Current => _inner.Current;

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (!_inner.MoveNext())
        {
            return false;
        }

        switch (_inner.Current)
        {
            case MappingStart or SequenceStart:
                Count(ref _nodes, _maxNodes, "nodes");
                if (++_depth > _maxDepth)
                {
                    throw Over("nested deeper than " + _maxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
                }

                break;
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
            case AnchorAlias:
                Count(ref _nodes, _maxNodes, "nodes");
                Count(ref _aliases, _maxAliases, "aliases (*name)");
                break;
            case Scalar:
                Count(ref _nodes, _maxNodes, "nodes");
                break;
        }

        return true;
    }

    /// <summary>
    /// Runs <paramref name="load"/> on this parser and turns YamlDotNet's own errors into one-line
    /// <see cref="FormatParseException"/>s: <c>FILE:LINE:COL: not valid YAML: …</c>.
    /// </summary>
    /// <param name="load">The loading work, e.g. <c>p =&gt; { stream.Load(p); return stream; }</c>.</param>
    /// <typeparam name="T">What the load produces.</typeparam>
    /// <returns>What <paramref name="load"/> returned.</returns>
    /// <exception cref="FormatParseException">The text is not valid YAML or crosses a limit.</exception>
    public T Load<T>(Func<IParser, T> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        try
        {
            return load(this);
        }
        catch (YamlException e)
        {
            string message = e.InnerException is { } inner && e.Message.Contains("see inner", StringComparison.OrdinalIgnoreCase) ? inner.Message : e.Message;
            throw FormatParseException.At(_file, e.Start.Line, (int)Math.Min(e.Start.Column, int.MaxValue), "not valid YAML: " + Trimmed(message));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these (not a YamlException) on some unterminated flow values.
            var at = _scanner.CurrentPosition;
            throw FormatParseException.At(_file, at.Line, 0, "not valid YAML: an unterminated [list], {map} or quoted value");
        }
    }

    // YamlDotNet repeats the position in its message ("(Line: 3, Col: 1, Idx: 9) - (…): …"); keep the words.
    private static string Trimmed(string message)
    {
        int at = message.LastIndexOf("): ", StringComparison.Ordinal);
        return at >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(at + 3)..] : message;
    }

    private void Count(ref int counter, int limit, string what)
    {
        if (++counter > limit)
        {
            throw Over("with more than " + limit.ToString("N0", CultureInfo.InvariantCulture) + " " + what);
        }
    }

    private FormatParseException Over(string problem)
    {
        var start = _inner.Current!.Start;
        return FormatParseException.At(_file, start.Line, (int)Math.Min(start.Column, int.MaxValue), "YAML " + problem + " (the limit for " + _what + ")");
    }
}
