using System.Globalization;
using System.Text;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Engine.Formats.Maps;

/// <summary>
/// Parses <c>/proc/PID/maps</c> text: one mapping per line, <c>start-end perms offset major:minor inode [path]</c>.
/// </summary>
/// <remarks>
/// Accepts everything Linux prints (pseudo-names, <c> (deleted)</c>, spaces in paths, 16-digit addresses) and
/// rejects anything else with a <see cref="FormatParseException"/> <c>FILE:LINE:COLUMN: expected …, found …</c>.
/// Entries must be in ascending, non-overlapping address order, as the kernel prints them and as the sandbox
/// needs them. Blank lines (e.g. a trailing one) are ignored.
/// </remarks>
public static class MapsReader
{
    /// <summary>The limits of a maps file (see <see cref="InputLimits"/>).</summary>
    public static LineLimits Limits { get; } = new("a maps file", InputLimits.MapsLineBytes, MaxTotalBytes: InputLimits.MapsFileBytes);

    /// <summary>
    /// Reads a maps file (or <c>/proc/PID/maps</c>), streaming: lines of at most <see cref="InputLimits.MapsLineBytes"/>,
    /// at most <see cref="InputLimits.MapsEntries"/> entries and <see cref="InputLimits.MapsFileBytes"/> in all; anything
    /// but a regular file is refused before it is opened.
    /// </summary>
    /// <param name="path">The file; also the name in error messages.</param>
    /// <returns>The entries in file order.</returns>
    /// <exception cref="FormatParseException">The file cannot be read, is over a limit, or is malformed.</exception>
    public static IReadOnlyList<MapsEntry> ReadFile(string path)
    {
        using var reader = BoundedLineReader.Open(path, Limits);
        return Parse(reader);
    }

    /// <summary>Reads a live process's <c>/proc/PID/maps</c> (no root needed for one's own processes).</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="FormatParseException">The process does not exist, is not readable, or the text is malformed.</exception>
    public static IReadOnlyList<MapsEntry> ReadProcess(int pid) =>
        ReadFile("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/maps");

    /// <summary>Parses maps text, with the same limits as a file.</summary>
    /// <param name="text">The whole text.</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <returns>The entries in order.</returns>
    /// <exception cref="FormatParseException">Malformed or out-of-order line, or over a limit.</exception>
    public static IReadOnlyList<MapsEntry> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), fileName, Limits);
        return Parse(reader);
    }

    /// <summary>Parses maps text from a line reader (which enforces line length and size).</summary>
    /// <param name="reader">Source of lines.</param>
    /// <returns>The entries in order.</returns>
    /// <exception cref="FormatParseException">Malformed or out-of-order line, more than <see cref="InputLimits.MapsEntries"/> entries, or over a limit of the reader.</exception>
    public static IReadOnlyList<MapsEntry> Parse(BoundedLineReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string fileName = reader.FileName;
        var entries = new List<MapsEntry>();
        ulong previousEnd = 0;
        while (reader.ReadLine() is { } line)
        {
            long lineNumber = reader.LineNumber;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (entries.Count == InputLimits.MapsEntries)
            {
                throw FormatParseException.At(fileName, lineNumber, 0,
                    "more than " + InputLimits.MapsEntries.ToString("N0", CultureInfo.InvariantCulture) + " mappings (Linux's vm.max_map_count), the limit for a maps file");
            }

            var entry = ParseLine(line, fileName, lineNumber);
            if (entries.Count > 0 && entry.Start < previousEnd)
            {
                throw new FormatParseException(
                    fileName, lineNumber, 1,
                    "a mapping starting at or above the previous end " + previousEnd.ToString("x", CultureInfo.InvariantCulture) + " (entries in ascending order)",
                    line);
            }

            previousEnd = entry.End;
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>Parses one non-blank line.</summary>
    /// <param name="line">The line without its newline.</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <param name="lineNumber">1-based line number used in error messages.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="FormatParseException">The line is malformed.</exception>
    public static MapsEntry ParseLine(string line, string fileName, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        var c = new LineCursor(line, fileName, lineNumber);
        ulong start = c.Hex("a hex start address");
        c.Expect('-', "'-' between start and end address");
        int endColumn = c.Column;
        ulong end = c.Hex("a hex end address");
        if (end <= start)
        {
            throw new FormatParseException(fileName, lineNumber, endColumn, "an end address above the start " + start.ToString("x", CultureInfo.InvariantCulture), line[(endColumn - 1)..]);
        }

        c.Expect(' ', "a space after the address range");
        var perms = c.Permissions();
        c.Expect(' ', "a space after the permissions");
        ulong offset = c.Hex("a hex file offset");
        c.Expect(' ', "a space after the offset");
        uint major = (uint)c.Hex("a hex device major number", maxValue: uint.MaxValue);
        c.Expect(':', "':' between device major and minor numbers");
        uint minor = (uint)c.Hex("a hex device minor number", maxValue: uint.MaxValue);
        ulong inode;
        if (c.AtEnd)
        {
            throw c.Error("a space and a decimal inode number");
        }

        c.Expect(' ', "a space after the device");
        inode = c.Decimal("a decimal inode number");
        string path = c.Rest();
        if (path.Length > 0 && path[0] != '/' && path[0] != '[' && !path.StartsWith("anon_inode:", StringComparison.Ordinal))
        {
            // The kernel prints absolute paths, [pseudo] names, or anon_inode:/memfd names; anything else is
            // most likely a misaligned column (e.g. an extra field), so say so instead of guessing.
            if (!path.Contains(':', StringComparison.Ordinal))
            {
                throw new FormatParseException(fileName, lineNumber, line.Length - path.Length + 1, "a path starting with '/' or '[', or end of line", path);
            }
        }

        return new MapsEntry(start, end, perms, offset, major, minor, inode, path);
    }
}
