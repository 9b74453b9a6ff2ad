using System.Buffers;
using System.Text;

namespace VmQuest.Engine.Formats.Lackey;

/// <summary>
/// Streams a valgrind lackey <c>--trace-mem=yes</c> trace: lines <c>I  addr,size</c>, <c> L addr,size</c>,
/// <c> S addr,size</c>, <c> M addr,size</c> (hex address, decimal size); valgrind's own lines (<c>==pid==</c>,
/// <c>--pid--</c>, <c>**pid**</c>) and blank lines are skipped.
/// </summary>
/// <remarks>
/// Built for traces of hundreds of megabytes: one pooled 64 KiB buffer, byte-level parsing, no allocation per
/// line (<see cref="TryRead"/> fills a struct). A malformed line throws <see cref="FormatParseException"/> naming
/// the file, line and column. Lines may end in <c>\n</c> or <c>\r\n</c>; the last line may lack a newline.
/// Not thread-safe.
/// </remarks>
public sealed class LackeyTraceReader : IDisposable
{
    /// <summary>Longest access line accepted (valgrind's own lines may be longer; they are skipped).</summary>
    public const int MaxLineLength = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[]? _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _discardingLongLine;

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    /// <param name="stream">The trace bytes (ASCII).</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    public LackeyTraceReader(Stream stream, string fileName, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        _stream = stream;
        _leaveOpen = leaveOpen;
        FileName = fileName;
        _buffer = ArrayPool<byte>.Shared.Rent(MaxLineLength);
    }

    /// <summary>Name used in error messages.</summary>
    public string FileName { get; }

    /// <summary>1-based number of the line most recently read (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Opens a trace file for sequential reading.</summary>
    /// <param name="path">The file; also the name in error messages.</param>
    /// <returns>A reader owning the file.</returns>
    /// <exception cref="FormatParseException">The file cannot be opened.</exception>
    public static LackeyTraceReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
            return new LackeyTraceReader(fs, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new FormatParseException(path, "cannot open trace (" + e.Message + ")", e);
        }
    }

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
        byte[] buffer = _buffer ?? throw new ObjectDisposedException(nameof(LackeyTraceReader));
        while (true)
        {
            int nl = buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            ReadOnlySpan<byte> line;
            if (nl >= 0)
            {
                line = buffer.AsSpan(_start, nl);
                _start += nl + 1;
            }
            else if (!_eof)
            {
                Refill(buffer);
                continue;
            }
            else if (_start < _end)
            {
                line = buffer.AsSpan(_start, _end - _start);
                _start = _end;
            }
            else
            {
                access = default;
                return false;
            }

            LineNumber++;
            if (_discardingLongLine)
            {
                _discardingLongLine = false; // The tail of a long valgrind line: counted once, already skipped.
                LineNumber--;
                continue;
            }

            if (LackeyLineParser.TryParse(line, this, out access))
            {
                return true;
            }
        }
    }

    /// <summary>Moves unread bytes to the front and reads more; handles a line too long for the buffer.</summary>
    private void Refill(byte[] buffer)
    {
        if (_start > 0)
        {
            buffer.AsSpan(_start, _end - _start).CopyTo(buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == buffer.Length)
        {
            // No newline in a full buffer: only valgrind's own messages may be this long; skip the rest of it.
            if (!_discardingLongLine)
            {
                LineNumber++;
                if (!LackeyLineParser.IsValgrindLine(buffer))
                {
                    throw new FormatParseException(FileName, LineNumber, 1, "a line shorter than " + MaxLineLength + " bytes", Encoding.UTF8.GetString(buffer, 0, 60));
                }

                _discardingLongLine = true;
            }

            _start = _end = 0;
        }

        int n;
        try
        {
            n = _stream.Read(buffer, _end, buffer.Length - _end);
        }
        catch (IOException e)
        {
            throw new FormatParseException(FileName, "read error (" + e.Message + ")", e);
        }

        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
    }

    /// <summary>Returns the buffer to the pool and closes the stream unless asked to leave it open.</summary>
    public void Dispose()
    {
        if (_buffer is { } b)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(b);
        }

        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
