using System.Runtime.InteropServices;

namespace VmQuest.Engine.Formats.Input;

/// <summary>
/// <c>statx(2)</c> from libc, used to learn what a path names without opening it (opening a FIFO blocks until a
/// writer appears). Elsewhere than Linux, or where statx is missing, managed checks stand in.
/// </summary>
internal static partial class FileStatus
{
    // struct statx has the same layout on every Linux architecture: stx_mode is a u16 at offset 28 and stx_size
    // a u64 at offset 40 of a 256-byte struct.
    private const int StatxBytes = 256, ModeOffset = 28, SizeOffset = 40;
    private const int AtFdCwd = -100, AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1, StatxSize = 0x200;
    private const int ENOENT = 2, EACCES = 13, ENOTDIR = 20, ENAMETOOLONG = 36, ELOOP = 40, ENOSYS = 38;

    private static bool _statxMissing;
    private static bool _byFullName;

    /// <summary>Examines <paramref name="path"/> (following symbolic links); never throws.</summary>
    /// <returns>The kind, the size for a regular file, and the errno when it could not be examined.</returns>
    public static (InputFileKind Kind, long Size, int Errno) OfPath(string path)
    {
        if (OperatingSystem.IsLinux() && !_statxMissing)
        {
            var result = Native(AtFdCwd, path, 0);
            if (result.Errno != ENOSYS)
            {
                return result;
            }

            _statxMissing = true;
        }

        return Managed(path);
    }

    /// <summary>Examines an open file; <see cref="InputFileKind.Unknown"/> when that is not possible here.</summary>
    public static InputFileKind OfHandle(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux() || _statxMissing)
        {
            return InputFileKind.Unknown;
        }

        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Native((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath).Kind;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>The words for an errno from examining a path.</summary>
    public static string Describe(int errno) => errno switch
    {
        ENOENT => "no such file",
        EACCES => "permission denied",
        ENOTDIR => "no such file (a part of the path is not a directory)",
        ENAMETOOLONG => "file name too long",
        ELOOP => "too many levels of symbolic links",
        _ => "cannot be examined (errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
    };

    private static unsafe (InputFileKind Kind, long Size, int Errno) Native(int directory, string path, int flags)
    {
        byte* buffer = stackalloc byte[StatxBytes];
        int status;
        try
        {
            status = _byFullName
                ? StatxGlibc(directory, path, flags, StatxType | StatxSize, buffer)
                : Statx(directory, path, flags, StatxType | StatxSize, buffer);
        }
        catch (DllNotFoundException) when (!_byFullName)
        {
            // "libc" is resolved by the runtime on glibc and musl alike; name glibc's soname as a last resort.
            _byFullName = true;
            return Native(directory, path, flags);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return (InputFileKind.Unknown, 0, ENOSYS);
        }

        if (status != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return (errno == ENOENT || errno == ENOTDIR ? InputFileKind.Missing : InputFileKind.Unknown, 0, errno);
        }

        ushort mode = *(ushort*)(buffer + ModeOffset);
        long size = (long)Math.Min(*(ulong*)(buffer + SizeOffset), long.MaxValue);
        return (KindOfMode(mode), size, 0);
    }

    /// <summary>The file type in the <c>S_IFMT</c> bits of a mode.</summary>
    internal static InputFileKind KindOfMode(uint mode) => (mode & 0xF000) switch
    {
        0x8000 => InputFileKind.Regular,
        0x4000 => InputFileKind.Directory,
        0x1000 => InputFileKind.NamedPipe,
        0x2000 => InputFileKind.CharacterDevice,
        0x6000 => InputFileKind.BlockDevice,
        0xC000 => InputFileKind.Socket,
        _ => InputFileKind.Unknown,
    };

    private static (InputFileKind Kind, long Size, int Errno) Managed(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return (InputFileKind.Directory, 0, 0);
            }

            var info = new FileInfo(path);
            return info.Exists ? (InputFileKind.Regular, info.Length, 0) : (InputFileKind.Missing, 0, ENOENT);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (InputFileKind.Unknown, 0, EACCES);
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc.so.6", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatxGlibc(int directory, string path, int flags, uint mask, byte* buffer);
}
