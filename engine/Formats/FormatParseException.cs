using System.Globalization;

namespace VmQuest.Engine.Formats;

/// <summary>
/// The one error every format reader throws for bad input. Its <see cref="Exception.Message"/> is a single line
/// the command line prints as is: <c>FILE:LINE:COLUMN: expected …, found …</c> for line-oriented text, or
/// <c>FILE: what was wrong (expected …)</c> for binary input.
/// </summary>
/// <remarks>
/// Invariant: <see cref="Exception.Message"/> never contains a newline, whatever the input held: control
/// characters from the input are escaped so a hostile file cannot forge extra output lines.
/// <see cref="Line"/> and <see cref="Column"/> are 1-based; 0 means "not applicable" (binary formats).
/// </remarks>
public class FormatParseException : Exception
{
    /// <summary>Creates an error at a position in a line-oriented text file.</summary>
    /// <param name="file">File name as the user gave it (or a label such as <c>&lt;stdin&gt;</c>).</param>
    /// <param name="line">1-based line number, or 0 when unknown.</param>
    /// <param name="column">1-based column, or 0 when unknown.</param>
    /// <param name="expected">What the reader wanted, e.g. <c>"a hex address"</c>.</param>
    /// <param name="found">What it saw instead; shown quoted and escaped, truncated to a readable length.</param>
    public FormatParseException(string file, long line, int column, string expected, string found)
        : base(Compose(file, line, column, expected, found))
    {
        File = file;
        Line = line;
        Column = column;
        Expected = expected;
        Found = found;
    }

    /// <summary>Creates an error with a free-form description (used by binary formats, which have no lines).</summary>
    /// <param name="file">File name as the user gave it.</param>
    /// <param name="description">One-line description; newlines are escaped.</param>
    public FormatParseException(string file, string description)
        : base(Sanitize(file) + ": " + Sanitize(description))
    {
        File = file;
        Expected = description;
        Found = string.Empty;
    }

    /// <summary>Creates an error wrapping an I/O failure (unreadable file), keeping the one-line shape.</summary>
    /// <param name="file">File name as the user gave it.</param>
    /// <param name="description">One-line description.</param>
    /// <param name="inner">The underlying exception.</param>
    public FormatParseException(string file, string description, Exception inner)
        : base(Sanitize(file) + ": " + Sanitize(description), inner)
    {
        File = file;
        Expected = description;
        Found = string.Empty;
    }

    /// <summary>
    /// For readers with their own message wording (the workload parser): the message is taken as composed, and
    /// must already be one line.
    /// </summary>
    /// <param name="message">The whole one-line message.</param>
    /// <param name="file">File name as the user gave it.</param>
    /// <param name="line">1-based line, or 0.</param>
    /// <param name="column">1-based column, or 0.</param>
    /// <param name="expected">What was expected (or the description).</param>
    /// <param name="found">What was found (raw), or empty.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    protected FormatParseException(string message, string file, long line, int column, string expected, string found, Exception? inner)
        : base(message, inner)
    {
        File = file;
        Line = line;
        Column = column;
        Expected = expected;
        Found = found;
    }

    /// <summary>
    /// An error at a position described in free words, <c>FILE:LINE:COLUMN: description</c> (the line and column are
    /// left out when 0), for problems that are not "expected X, found Y" (a line over its length limit).
    /// </summary>
    /// <param name="file">File name as the user gave it.</param>
    /// <param name="line">1-based line, or 0.</param>
    /// <param name="column">1-based column, or 0.</param>
    /// <param name="description">One-line description; control characters are escaped.</param>
    /// <returns>The exception to throw.</returns>
    public static FormatParseException At(string file, long line, int column, string description)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(description);
        return new FormatParseException(Where(file, line, column) + ": " + Sanitize(description), file, line, column, description, string.Empty, null);
    }

    /// <summary>The file the error is in.</summary>
    public string File { get; }

    /// <summary>1-based line number; 0 when the format has no lines.</summary>
    public long Line { get; }

    /// <summary>1-based column; 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What the reader expected at that point (or the whole description for binary formats).</summary>
    public string Expected { get; }

    /// <summary>What the reader found instead (raw, unescaped); empty for binary formats.</summary>
    public string Found { get; }

    /// <summary>Longest excerpt of the offending input quoted in a message.</summary>
    internal const int MaxFoundLength = 60;

    /// <summary><c>FILE</c>, <c>FILE:LINE</c> or <c>FILE:LINE:COLUMN</c>: a position of 0 is never shown.</summary>
    internal static string Where(string file, long line, int column)
    {
        string where = Sanitize(file);
        if (line > 0)
        {
            where += ":" + line.ToString(CultureInfo.InvariantCulture);
            if (column > 0)
            {
                where += ":" + column.ToString(CultureInfo.InvariantCulture);
            }
        }

        return where;
    }

    private static string Compose(string file, long line, int column, string expected, string found)
    {
        string where = Where(file, line, column);
        string shown = found.Length == 0 ? "end of line" : "\"" + Sanitize(Truncate(found)) + "\"";
        return where + ": expected " + Sanitize(expected) + ", found " + shown;
    }

    private static string Truncate(string s) => s.Length <= MaxFoundLength ? s : string.Concat(s.AsSpan(0, MaxFoundLength), "…");

    /// <summary>Escapes control characters so the message stays on one line.</summary>
    internal static string Sanitize(string s)
    {
        bool clean = true;
        foreach (char c in s)
        {
            if (char.IsControl(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return s;
        }

        var sb = new System.Text.StringBuilder(s.Length + 8);
        foreach (char c in s)
        {
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }
}
