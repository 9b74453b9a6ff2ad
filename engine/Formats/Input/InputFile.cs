using System.Text;

namespace VmQuest.Engine.Formats.Input;

/// <summary>
/// The one way a reader opens a file the user named. Anything but a regular file — a directory, a named pipe
/// (FIFO), a device such as <c>/dev/zero</c>, a socket — is refused before it is opened (opening a FIFO blocks
/// until a writer appears; a device may never end), and whole-file reads stop at a size limit while reading.
/// </summary>
/// <remarks>
/// Every failure is a <see cref="FormatParseException"/> with the one-line message <c>FILE: what is wrong</c>:
/// <c>is a directory, expected a regular file</c>, <c>is a named pipe (FIFO), expected a regular file</c>, <c>is a
/// character device, …</c>, <c>is a block device, …</c>, <c>is a socket, …</c>, <c>no such file</c>,
/// <c>permission denied</c>, or <c>larger than the 1 MiB limit for a workload script</c>. The size limit never trusts
/// the size the file system reports (<c>/proc</c> files report 0; a file may grow while it is read): at most
/// <c>limit + 1</c> bytes are ever read. After opening, the open handle is checked again, so a path swapped for a
/// device between the check and the open is still refused.
/// </remarks>
public static class InputFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>What <paramref name="path"/> names (symbolic links followed), without opening it; never throws.</summary>
    /// <param name="path">A path as the user gave it.</param>
    /// <returns>The kind of file; <see cref="InputFileKind.Missing"/> when nothing is there.</returns>
    public static InputFileKind Probe(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Length == 0 || path.Contains('\0', StringComparison.Ordinal) ? InputFileKind.Missing : FileStatus.OfPath(path).Kind;
    }

    /// <summary>Refuses, with the reason, anything at <paramref name="path"/> that is not an existing regular file.</summary>
    /// <param name="path">A path as the user gave it; also the name in the message.</param>
    /// <exception cref="FormatParseException">The path is missing, not examinable, or not a regular file.</exception>
    public static void EnsureRegular(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new FormatParseException(path, "not a valid file name");
        }

        var (kind, _, errno) = FileStatus.OfPath(path);
        if (kind != InputFileKind.Regular)
        {
            throw NotRegular(path, kind, errno);
        }
    }

    /// <summary>Opens a regular file for sequential reading, after <see cref="EnsureRegular"/>.</summary>
    /// <param name="path">A path as the user gave it; also the name in messages.</param>
    /// <param name="options">How the file will be read (sequentially by default).</param>
    /// <returns>The open stream; the caller disposes it.</returns>
    /// <exception cref="FormatParseException">Not a regular file, or it cannot be opened.</exception>
    public static FileStream OpenRead(string path, FileOptions options = FileOptions.SequentialScan)
    {
        EnsureRegular(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, options);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FormatParseException(path, "permission denied", e);
        }
        catch (FileNotFoundException e)
        {
            throw new FormatParseException(path, "no such file", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new FormatParseException(path, "no such file", e);
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            throw new FormatParseException(path, "cannot open (" + e.Message + ")", e);
        }

        var kind = FileStatus.OfHandle(stream.SafeFileHandle);
        if (kind is not (InputFileKind.Regular or InputFileKind.Unknown))
        {
            stream.Dispose();
            throw NotRegular(path, kind, 0);
        }

        return stream;
    }

    /// <summary>Reads a whole regular file, refusing it once more than <paramref name="maxBytes"/> bytes have been read.</summary>
    /// <param name="path">A path as the user gave it; also the name in messages.</param>
    /// <param name="maxBytes">The most bytes accepted (a constant of <see cref="InputLimits"/>).</param>
    /// <param name="what">What the file is, for the limit's message, e.g. <c>"a workload script"</c>.</param>
    /// <returns>The file's bytes.</returns>
    /// <exception cref="FormatParseException">Not a regular file, unreadable, or larger than the limit.</exception>
    public static byte[] ReadAllBytes(string path, int maxBytes, string what)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        using var stream = OpenRead(path);
        long reported = 0;
        try
        {
            reported = stream.Length;
        }
        catch (IOException)
        {
            // Some files cannot tell their length; the loop below does not need it.
        }

        // Start from the reported size (capped by the limit) but never trust it: /proc files report 0.
        var buffer = new byte[(int)Math.Min(Math.Max(reported + 1, 4096), (long)maxBytes + 1)];
        int total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > maxBytes)
                {
                    throw TooLarge(path, maxBytes, what);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)maxBytes + 1));
            }

            int n = ReadSome(stream, path, buffer.AsSpan(total));
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        if (total > maxBytes)
        {
            throw TooLarge(path, maxBytes, what);
        }

        return total == buffer.Length ? buffer : buffer[..total];
    }

    /// <summary>
    /// Reads a whole regular file as UTF-8 text (a leading byte-order mark dropped, invalid bytes shown as U+FFFD),
    /// refusing it once more than <paramref name="maxBytes"/> bytes have been read.
    /// </summary>
    /// <param name="path">A path as the user gave it; also the name in messages.</param>
    /// <param name="maxBytes">The most bytes accepted (a constant of <see cref="InputLimits"/>).</param>
    /// <param name="what">What the file is, for the limit's message.</param>
    /// <returns>The text.</returns>
    /// <exception cref="FormatParseException">Not a regular file, unreadable, or larger than the limit.</exception>
    public static string ReadAllText(string path, int maxBytes, string what)
    {
        var bytes = ReadAllBytes(path, maxBytes, what);
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        return Utf8.GetString(span);
    }

    /// <summary>The error for a file over its size limit: <c>FILE: larger than the 1 MiB limit for WHAT</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The limit in bytes.</param>
    /// <param name="what">What the file is.</param>
    /// <returns>The exception to throw.</returns>
    public static FormatParseException TooLarge(string path, long maxBytes, string what) =>
        new(path, "larger than the " + InputLimits.Describe(maxBytes) + " limit for " + what);

    /// <summary>Reads into <paramref name="buffer"/>, turning I/O failures into one-line errors.</summary>
    internal static int ReadSome(Stream stream, string path, Span<byte> buffer)
    {
        try
        {
            return stream.Read(buffer);
        }
        catch (IOException e)
        {
            throw new FormatParseException(path, "read error (" + e.Message + ")", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FormatParseException(path, "permission denied", e);
        }
    }

    private static FormatParseException NotRegular(string path, InputFileKind kind, int errno) => new(path, kind switch
    {
        InputFileKind.Missing => FileStatus.Describe(errno == 0 ? 2 : errno),
        InputFileKind.Unknown => errno != 0 ? FileStatus.Describe(errno) : "is not a regular file",
        _ => $"is {kind.Noun()}, expected a regular file",
    });
}
