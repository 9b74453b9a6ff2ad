using System.Runtime.InteropServices;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Engine.Formats.Output;

/// <summary>
/// The one way VmQuest writes a file the user names (screenshots, and the game's saves, replays and exports):
/// to a new temporary file beside the target, flushed to the disk, then renamed over the target in one step.
/// </summary>
/// <remarks>
/// Guarantees: the target is either its previous content or the complete new content, never a mix, whatever
/// happens mid-write (a full disk, a crash, a kill); a failed write leaves no temporary file behind; only a
/// regular file (or nothing) at the path is ever replaced — a device such as <c>/dev/full</c>, a directory, a
/// FIFO or a socket is refused before anything is written, so running as root cannot turn a device node into a
/// file. A symbolic link is followed: its target is replaced and the link kept. An existing file's permission
/// bits are kept.
/// </remarks>
public static partial class AtomicFile
{
    /// <summary>
    /// Checks, without writing, that <paramref name="path"/> may be written: a regular file or nothing, in a
    /// directory that exists or will be made when writing (the check itself makes nothing). Commands call it before
    /// long work so a bad output path fails at once.
    /// </summary>
    /// <exception cref="OutputFileException">The path names something that is not a regular file.</exception>
    public static void CheckWritable(string path) => Target(path, makeFolder: false);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="OutputFileException">The file may not or could not be written.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        var bytes = content.ToArray();
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/> atomically.</summary>
    /// <exception cref="OutputFileException">The file may not or could not be written.</exception>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes what <paramref name="write"/> puts in the stream to <paramref name="path"/> atomically.</summary>
    /// <exception cref="OutputFileException">The file may not or could not be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteVia(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write, FileShare.None);
            write(stream);
        });
    }

    /// <summary>
    /// For writers that take a path (a native library saving a PNG): <paramref name="write"/> writes the whole
    /// content to the temporary path it is given, which then replaces <paramref name="path"/> atomically.
    /// </summary>
    /// <exception cref="OutputFileException">The file may not or could not be written.</exception>
    public static void WriteVia(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var target = Target(path, makeFolder: true);
        var directory = Path.GetDirectoryName(target)!;
        string temporary = CreateTemporary(path, directory, Path.GetFileName(target));
        try
        {
            write(temporary);
            Flush(temporary);
            KeepMode(target, temporary);
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new OutputFileException(path, "cannot be written: " + e.Message, e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        SyncDirectory(directory);
    }

    /// <summary>The absolute path that will be replaced, after every check.</summary>
    /// <param name="path">The path as the user gave it.</param>
    /// <param name="makeFolder">Whether to make a missing folder (writing does; a mere check changes nothing).</param>
    private static string Target(string path, bool makeFolder)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar))
        {
            throw new OutputFileException(path, "expected a file name to write, not a directory");
        }

        string target;
        try
        {
            target = Path.GetFullPath(path);
            if (new FileInfo(target).LinkTarget is not null
                && File.ResolveLinkTarget(target, returnFinalTarget: true) is { } linked)
            {
                target = linked.FullName;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new OutputFileException(path, "cannot be written: " + e.Message, e);
        }

        var (kind, _, errno) = FileStatus.OfPath(target);
        switch (kind)
        {
            case InputFileKind.Regular:
            case InputFileKind.Missing when errno != 20:
                break;
            case InputFileKind.Missing:
                throw new OutputFileException(path, "cannot be written: a part of the path is not a directory");
            case InputFileKind.Unknown:
                throw new OutputFileException(path, "cannot be written: " + FileStatus.Describe(errno));
            default:
                throw new OutputFileException(path, $"is {kind.Noun()}; VmQuest only writes regular files");
        }

        var directory = Path.GetDirectoryName(target)!;
        if (!makeFolder)
        {
            return target;
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException(path, "cannot be written: its folder cannot be made: " + e.Message, e);
        }

        return target;
    }


    /// <summary>A new, empty file beside the target that no one else can have opened (created exclusively).</summary>
    private static string CreateTemporary(string shown, string directory, string name)
    {
        for (int attempt = 0; ; attempt++)
        {
            var temporary = Path.Combine(directory, $".{name}.{Environment.ProcessId}.{Random.Shared.Next():x8}.tmp");
            try
            {
                using (new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                }

                return temporary;
            }
            catch (IOException) when (attempt < 8 && File.Exists(temporary))
            {
                // Another writer's temporary file has that name: draw another.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputFileException(shown, "cannot be written: " + e.Message, e);
            }
        }
    }

    /// <summary>Pushes the new content to the disk before the rename makes it visible (else a crash can leave it empty).</summary>
    private static void Flush(string temporary)
    {
        using var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        stream.Flush(flushToDisk: true);
    }

    private static void KeepMode(string target, string temporary)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(target))
        {
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
        }
    }

    /// <summary>Makes the rename itself durable (best effort: a failure here loses nothing already written).</summary>
    private static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            int fd = Open(directory, 0 /* O_RDONLY */);
            if (fd >= 0)
            {
                _ = Fsync(fd);
                _ = Close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the target itself is untouched.
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
