using System.Text;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Engine.Formats.Lackey;

/// <summary>
/// Streams a valgrind lackey <c>--trace-mem=yes</c> trace: lines <c>I  addr,size</c>, <c> L addr,size</c>,
/// <c> S addr,size</c>, <c> M addr,size</c> (hex address, decimal size); valgrind's own lines (<c>==pid==</c>,
/// <c>--pid--</c>, <c>**pid**</c>) and blank lines are skipped.
/// </summary>
/// <remarks>
/// Built for traces of hundreds of megabytes: a <see cref="BoundedLineReader"/> with one pooled buffer, byte-level
/// parsing, no allocation per line (<see cref="TryRead"/> fills a struct), and no total size limit. Access lines
/// are at most <see cref="InputLimits.LackeyLineBytes"/> long (a longer valgrind line is skipped after its first
/// 64 KiB) and an access covers at most <see cref="InputLimits.LackeyAccessBytes"/>, so one line never expands to
/// more than a few pages. A malformed line throws <see cref="FormatParseException"/> naming the file, line and
/// column. Lines may end in <c>\n</c> or <c>\r\n</c>; the last line may lack a newline. Not thread-safe.
/// </remarks>
public sealed class LackeyTraceReader : IDisposable
{
    /// <summary>Longest access line accepted (valgrind's own lines may be longer; they are skipped).</summary>
    public const int MaxLineLength = InputLimits.LackeyLineBytes;

    /// <summary>The limits of a lackey trace: long lines are cut (and refused unless they are valgrind's own), no total.</summary>
    public static LineLimits Limits { get; } = new("a lackey trace", InputLimits.LackeyLineBytes, Overlong: OverlongLines.Truncate);

    private readonly BoundedLineReader _lines;

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    /// <param name="stream">The trace bytes (ASCII).</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    public LackeyTraceReader(Stream stream, string fileName, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        _lines = new BoundedLineReader(stream, fileName, Limits, leaveOpen);
    }

    /// <summary>Name used in error messages.</summary>
    public string FileName => _lines.FileName;

    /// <summary>1-based number of the line most recently read (0 before the first).</summary>
    public long LineNumber => _lines.LineNumber;

    /// <summary>Opens a trace file for sequential reading (a regular file; anything else is refused before it is opened).</summary>
    /// <param name="path">The file; also the name in error messages.</param>
    /// <returns>A reader owning the file.</returns>
    /// <exception cref="FormatParseException">The file cannot be opened or is not a regular file.</exception>
    public static LackeyTraceReader Open(string path) => new(InputFile.OpenRead(path), path);

    /// <summary>Every access in a trace file, streamed.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The accesses in trace order.</returns>
    /// <exception cref="FormatParseException">The file cannot be opened or a line is malformed (thrown while enumerating).</exception>
    public static IEnumerable<LackeyAccess> ReadAll(string path)
    {
        using var reader = Open(path);
        while (reader.TryRead(out var access))
        {
            yield return access;
        }
    }

    /// <summary>
    /// Every page touch of a trace file, streamed: each access expanded to the pages its bytes cover, in address
    /// order (DESIGN.md §5). A modify is one touch that reads and writes.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="pageShift">log2 of the page size (see <see cref="PageSpan.ShiftOf"/>).</param>
    /// <returns>The page touches in order.</returns>
    public static IEnumerable<PageTouch> ReadPageTouches(string path, int pageShift)
    {
        foreach (var a in ReadAll(path))
        {
            foreach (ulong page in a.Pages(pageShift))
            {
                yield return new PageTouch(page, a.Kind);
            }
        }
    }

    /// <summary>Reads the next access, skipping valgrind and blank lines.</summary>
    /// <param name="access">The access read; default when the trace has ended.</param>
    /// <returns>False at the end of the trace.</returns>
    /// <exception cref="FormatParseException">A malformed line, or a read error.</exception>
    public bool TryRead(out LackeyAccess access)
    {
        while (_lines.TryReadLine(out var line))
        {
            if (_lines.LastLineTruncated && !LackeyLineParser.IsValgrindLine(line))
            {
                throw new FormatParseException(FileName, LineNumber, MaxLineLength + 1,
                    "a line of at most " + InputLimits.Describe(MaxLineLength) + " (the limit for a lackey trace)",
                    Encoding.UTF8.GetString(line[..FormatParseException.MaxFoundLength]));
            }

            if (LackeyLineParser.TryParse(line, this, out access))
            {
                return true;
            }
        }

        access = default;
        return false;
    }

    /// <summary>Returns the buffer to the pool and closes the stream unless asked to leave it open.</summary>
    public void Dispose() => _lines.Dispose();
}
