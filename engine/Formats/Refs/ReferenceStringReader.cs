using System.Globalization;

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

    /// <summary>Reads a whole reference-string file.</summary>
    /// <param name="path">The file; also the name in error messages.</param>
    /// <returns>The page numbers in order.</returns>
    /// <exception cref="FormatParseException">The file cannot be read or a line is malformed.</exception>
    public static List<ulong> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        TextReader reader;
        try
        {
            reader = new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new FormatParseException(path, "cannot open reference string (" + e.Message + ")", e);
        }

        using (reader)
        {
            return [.. Read(reader, path)];
        }
    }

    /// <summary>Parses reference-string text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <returns>The page numbers in order.</returns>
    /// <exception cref="FormatParseException">A line is malformed.</exception>
    public static List<ulong> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return [.. Read(reader, fileName)];
    }

    /// <summary>Streams page numbers from a reader (lazily; errors surface while enumerating).</summary>
    /// <param name="reader">Source of lines.</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <returns>The page numbers in order.</returns>
    public static IEnumerable<ulong> Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        return ReadIterator(reader, fileName);
    }

    private static IEnumerable<ulong> ReadIterator(TextReader reader, string fileName)
    {
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (TryParseLine(line, fileName, lineNumber, out ulong page))
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
