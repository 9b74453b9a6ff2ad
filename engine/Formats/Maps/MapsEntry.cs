using System.Globalization;

namespace VmQuest.Engine.Formats.Maps;

/// <summary>
/// One line of <c>/proc/PID/maps</c>: <c>start-end perms offset major:minor inode pathname</c>.
/// </summary>
/// <remarks>
/// Invariant (enforced by <see cref="MapsReader"/>): <c>Start &lt; End</c>. <see cref="Path"/> is exactly the text
/// after the padding, so it keeps the kernel's <c> (deleted)</c> suffix, its <c>\012</c> escapes and any spaces
/// inside the name; it is empty for an unnamed anonymous mapping.
/// </remarks>
/// <param name="Start">First address (inclusive).</param>
/// <param name="End">End address (exclusive).</param>
/// <param name="Permissions">Access bits and shared/private.</param>
/// <param name="Offset">File offset (in bytes) of <see cref="Start"/>; for anonymous mappings the kernel shows the page offset it keeps (usually 0).</param>
/// <param name="DeviceMajor">Major device number of the file's filesystem.</param>
/// <param name="DeviceMinor">Minor device number.</param>
/// <param name="Inode">Inode number; 0 for anonymous mappings.</param>
/// <param name="Path">Path or pseudo-name (<c>[heap]</c>, …); empty when unnamed.</param>
public readonly record struct MapsEntry(
    ulong Start,
    ulong End,
    MapsPermissions Permissions,
    ulong Offset,
    uint DeviceMajor,
    uint DeviceMinor,
    ulong Inode,
    string Path)
{
    /// <summary>The kernel's suffix for a mapping whose file was unlinked.</summary>
    public const string DeletedSuffix = " (deleted)";

    /// <summary>Length in bytes.</summary>
    public ulong Length => End - Start;

    /// <summary>Whether the mapped file has been deleted (path ends with <c> (deleted)</c>).</summary>
    public bool IsDeleted => Path.EndsWith(DeletedSuffix, StringComparison.Ordinal);

    /// <summary>The path without the <c> (deleted)</c> suffix.</summary>
    public string PathWithoutDeletedSuffix => IsDeleted ? Path[..^DeletedSuffix.Length] : Path;

    /// <summary>Whether the name is a kernel pseudo-name in brackets (<c>[heap]</c>, <c>[anon:x]</c>, …).</summary>
    public bool IsPseudoPath => Path.Length >= 2 && Path[0] == '[' && Path[^1] == ']';

    /// <summary>Whether this maps a file (has a real path, deleted or not).</summary>
    public bool IsFileBacked => Path.Length > 0 && !IsPseudoPath;

    /// <summary>The four-character permission column, e.g. <c>r-xp</c>.</summary>
    public string PermissionString => new(
    [
        (Permissions & MapsPermissions.Read) != 0 ? 'r' : '-',
        (Permissions & MapsPermissions.Write) != 0 ? 'w' : '-',
        (Permissions & MapsPermissions.Execute) != 0 ? 'x' : '-',
        (Permissions & MapsPermissions.Shared) != 0 ? 's' : 'p',
    ]);

    /// <summary>The line as the kernel prints it (see <see cref="MapsWriter"/>), without the newline.</summary>
    /// <returns>The formatted line.</returns>
    public override string ToString() => MapsWriter.FormatLine(this);

    internal string DeviceString => DeviceMajor.ToString("x2", CultureInfo.InvariantCulture) + ":" + DeviceMinor.ToString("x2", CultureInfo.InvariantCulture);
}
