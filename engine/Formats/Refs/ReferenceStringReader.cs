using System.Globalization;
using System.Text;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Engine.Formats.Refs;

/// <summary>
/// Reads a reference string: one page number per line, decimal (<c>42</c>) or hex with a <c>0x</c> prefix
/// (<c>0x2a</c>). Blank lines are ignored and <c>#</c> starts a comment running to the end of the line.
/// </summary>
/// <remarks>
/// Errors are <see cref="FormatParseException"/> <c>FILE:LINE:COLUMN: expected a page number …, found …</c>.
/// Page numbers are 64-bit unsigned; values that do not fit are errors rather than wrapping.
/// </remarks>
public static class ReferenceStringReader
{
    private const string Expected = "a page number (decimal, or hex with 0x), one per line";

    /// <summary>The limits of a reference string: lines of at most <see cref="InputLimits.ReferenceStringLineBytes"/>, no total (it streams).</summary>
    public static LineLimits Limits { get; } = new("a reference string", InputLimits.ReferenceStringLineBytes);

    /// <summary>Reads a whole reference-string file (a regular file; anything else is refused before it is opened).</summary>
    /// <param name="path">The file; also the name in error messages.</param>
    /// <returns>The page numbers in order.</returns>
    /// <exception cref="FormatParseException">The file cannot be read, a line is too long, or a line is malformed.</exception>
    public static List<ulong> ReadFile(string path)
    {
        using var reader = BoundedLineReader.Open(path, Limits);
        return [.. Read(reader)];
    }

    /// <summary>Parses reference-string text (with the same line limit as a file).</summary>
    /// <param name="text">The text.</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <returns>The page numbers in order.</returns>
    /// <exception cref="FormatParseException">A line is malformed or too long.</exception>
    public static List<ulong> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), fileName, Limits);
        return [.. Read(reader)];
    }

    /// <summary>Streams page numbers from a line reader (lazily; errors surface while enumerating).</summary>
    /// <param name="reader">Source of lines; also gives the file name and line numbers for errors.</param>
    /// <returns>The page numbers in order.</returns>
    public static IEnumerable<ulong> Read(BoundedLineReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadIterator(reader);
    }

    private static IEnumerable<ulong> ReadIterator(BoundedLineReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            if (TryParseLine(line, reader.FileName, reader.LineNumber, out ulong page))
            {
                yield return page;
            }
        }
    }

    /// <summary>Parses one line: false for blank/comment lines, true with the page number otherwise.</summary>
    /// <param name="line">The line without its newline.</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <param name="lineNumber">1-based line number for error messages.</param>
    /// <param name="page">The page number.</param>
    /// <returns>Whether the line held a page number.</returns>
    /// <exception cref="FormatParseException">The line is malformed.</exception>
    public static bool TryParseLine(string line, string fileName, long lineNumber, out ulong page)
    {
        ArgumentNullException.ThrowIfNull(line);
        page = 0;
        int hash = line.IndexOf('#', StringComparison.Ordinal);
        var content = (hash >= 0 ? line.AsSpan(0, hash) : line.AsSpan()).TrimEnd();
        int start = 0;
        while (start < content.Length && char.IsWhiteSpace(content[start]))
        {
            start++;
        }

        if (start == content.Length)
        {
            return false;
        }

        var token = content[start..];
        bool ok = token.Length > 2 && token[0] == '0' && (token[1] | 0x20) == 'x'
            ? IsAll(token[2..], char.IsAsciiHexDigit) && ulong.TryParse(token[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out page)
            : IsAll(token, char.IsAsciiDigit) && ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out page);
        if (!ok)
        {
            throw new FormatParseException(fileName, lineNumber, start + 1, Expected, token.ToString());
        }

        return true;
    }

    private static bool IsAll(ReadOnlySpan<char> s, Func<char, bool> predicate)
    {
        foreach (char c in s)
        {
            if (!predicate(c))
            {
                return false;
            }
        }

        return s.Length > 0;
    }
}
