using System.Buffers;
using System.Globalization;
using System.Text;

namespace VmQuest.Engine.Formats.Input;

/// <summary>
/// Streams the lines of a text file with its <see cref="LineLimits"/> enforced while reading: memory stays at one
/// buffer of about <c>MaxLineBytes</c> whatever the input (a 200 MB file with no newline is refused after
/// reading one buffer, not after loading it), and the line count and total size are checked as they grow.
/// </summary>
/// <remarks>
/// Lines end in <c>\n</c>; a <c>\r</c> before it is dropped, and the last line may lack its newline. A UTF-8
/// byte-order mark at the very start is dropped. <see cref="LineNumber"/> is 1-based and counts every line, blank
/// ones included, so errors can name it. Violations are <see cref="FormatParseException"/>s:
/// <c>FILE:LINE:COL: line longer than the 64 KiB limit for a lackey trace</c>, <c>FILE:LINE: more than N lines, the
/// limit for …</c>, <c>FILE: larger than the N MiB limit for …</c>; read errors are one line too. Not thread-safe.
/// A span returned by <see cref="TryReadLine"/> is valid only until the next call.
/// </remarks>
public sealed class BoundedLineReader : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly LineLimits _limits;
    private byte[]? _buffer;
    private int _start;
    private int _end;
    private int _scanned;          // bytes after _start already searched for a newline
    private bool _eof;
    private bool _skippingRest;    // inside the unstored tail of a truncated line
    private long _totalBytes;

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    /// <param name="stream">The bytes (UTF-8 or ASCII text).</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <param name="limits">What to enforce.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    public BoundedLineReader(Stream stream, string fileName, LineLimits limits, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxLineBytes);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _limits = limits;
        FileName = fileName;

        // Room for the longest line, its '\r' and one byte more, so a full buffer without a newline proves the
        // line is too long.
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(limits.MaxLineBytes + 2, 4096));
    }

    /// <summary>Opens a regular file through <see cref="InputFile.OpenRead"/> and reads its lines.</summary>
    /// <param name="path">The file; also the name in messages.</param>
    /// <param name="limits">What to enforce.</param>
    /// <returns>A reader owning the file.</returns>
    /// <exception cref="FormatParseException">The path is not a readable regular file.</exception>
    public static BoundedLineReader Open(string path, LineLimits limits) => new(InputFile.OpenRead(path), path, limits);

    /// <summary>Name used in error messages.</summary>
    public string FileName { get; }

    /// <summary>1-based number of the line most recently returned (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>True when the line most recently returned was cut at <c>MaxLineBytes</c> (<see cref="OverlongLines.Truncate"/> only).</summary>
    public bool LastLineTruncated { get; private set; }

    /// <summary>Reads the next line's bytes, without its line end.</summary>
    /// <param name="line">The line; valid until the next call.</param>
    /// <returns>False at the end of the stream.</returns>
    /// <exception cref="FormatParseException">A limit was crossed or the stream could not be read.</exception>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        byte[] buffer = _buffer ?? throw new ObjectDisposedException(nameof(BoundedLineReader));
        LastLineTruncated = false;
        while (true)
        {
            int newline = buffer.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int length = _scanned + newline;
                int lineStart = _start;
                _start += length + 1;
                _scanned = 0;
                if (_skippingRest)
                {
                    _skippingRest = false;
                    continue;
                }

                return Complete(buffer.AsSpan(lineStart, length), out line);
            }

            _scanned = _end - _start;
            if (_scanned > _limits.MaxLineBytes + 1 && !_skippingRest)
            {
                // No newline within the limit: refuse, or keep the first MaxLineBytes and skip the rest unread.
                LineNumber++;
                CheckLineCount();
                if (_limits.Overlong == OverlongLines.Reject)
                {
                    throw TooLong(buffer.AsSpan(_start, _end - _start));
                }

                line = buffer.AsSpan(_start, _limits.MaxLineBytes);
                LastLineTruncated = true;
                _skippingRest = true;
                _start = _end;
                _scanned = 0;
                return true;
            }

            if (_skippingRest)
            {
                _start = _end;
                _scanned = 0;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    int lineStart = _start;
                    int length = _end - _start;
                    _start = _end;
                    _scanned = 0;
                    return Complete(buffer.AsSpan(lineStart, length), out line);
                }

                line = default;
                return false;
            }

            Refill(buffer);
        }
    }

    /// <summary>Reads the next line as text (UTF-8; invalid bytes become U+FFFD), or null at the end.</summary>
    /// <returns>The line without its line end, or null.</returns>
    /// <exception cref="FormatParseException">A limit was crossed or the stream could not be read.</exception>
    public string? ReadLine() => TryReadLine(out var line) ? Utf8.GetString(line) : null;

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

    private bool Complete(Span<byte> raw, out ReadOnlySpan<byte> line)
    {
        LineNumber++;
        CheckLineCount();
        if (raw.Length > 0 && raw[^1] == (byte)'\r')
        {
            raw = raw[..^1];
        }

        if (raw.Length > _limits.MaxLineBytes)
        {
            if (_limits.Overlong == OverlongLines.Reject)
            {
                throw TooLong(raw);
            }

            raw = raw[.._limits.MaxLineBytes];
            LastLineTruncated = true;
        }

        if (LineNumber == 1 && raw.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            raw = raw[3..];
        }

        line = raw;
        return true;
    }

    private void CheckLineCount()
    {
        if (LineNumber > _limits.MaxLines)
        {
            throw FormatParseException.At(FileName, LineNumber, 0,
                "more than " + _limits.MaxLines.ToString("N0", CultureInfo.InvariantCulture) + " lines, the limit for " + _limits.What);
        }
    }

    private FormatParseException TooLong(ReadOnlySpan<byte> start) =>
        new(FileName, LineNumber, _limits.MaxLineBytes + 1,
            "a line of at most " + InputLimits.Describe(_limits.MaxLineBytes) + " (the limit for " + _limits.What + ")",
            Utf8.GetString(start[..Math.Min(start.Length, FormatParseException.MaxFoundLength + 1)]));

    /// <summary>Moves unread bytes to the front and reads more, counting toward the total limit.</summary>
    private void Refill(byte[] buffer)
    {
        if (_start > 0)
        {
            buffer.AsSpan(_start, _end - _start).CopyTo(buffer);
            _end -= _start;
            _start = 0;
        }

        int n = InputFile.ReadSome(_stream, FileName, buffer.AsSpan(_end));
        if (n == 0)
        {
            _eof = true;
            return;
        }

        _end += n;
        _totalBytes += n;
        if (_totalBytes > _limits.MaxTotalBytes)
        {
            throw InputFile.TooLarge(FileName, _limits.MaxTotalBytes, _limits.What);
        }
    }
}
