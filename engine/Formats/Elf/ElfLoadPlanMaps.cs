using VmQuest.Engine.Formats.Maps;

namespace VmQuest.Engine.Formats.Elf;

/// <summary>Shows an <see cref="ElfLoadPlan"/> as <c>/proc/PID/maps</c> entries (for <c>vmquest maps --exec</c>).</summary>
public static class ElfLoadPlanMaps
{
    /// <summary>
    /// The plan's mappings as maps entries: file-backed ones carry <paramref name="path"/>, device and inode;
    /// anonymous bss ones are unnamed with device 00:00 and inode 0, as Linux prints them.
    /// </summary>
    /// <param name="mappings">Mappings from <see cref="ElfLoadPlan.Mappings"/> or <see cref="ElfLoadPlan.MappingsAfterRelro"/>.</param>
    /// <param name="path">Path shown for file-backed mappings.</param>
    /// <param name="deviceMajor">Device major number to show (0 when unknown).</param>
    /// <param name="deviceMinor">Device minor number to show.</param>
    /// <param name="inode">Inode to show (0 when unknown).</param>
    /// <returns>Entries in address order.</returns>
    public static List<MapsEntry> ToMapsEntries(IEnumerable<ElfLoadMapping> mappings, string path, uint deviceMajor = 0, uint deviceMinor = 0, ulong inode = 0)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(path);
        var result = new List<MapsEntry>();
        foreach (var m in mappings)
        {
            var p = ToMapsPermissions(m.Permissions);
            result.Add(m.IsAnonymous
                ? new MapsEntry(m.Start, m.End, p, 0, 0, 0, 0, string.Empty)
                : new MapsEntry(m.Start, m.End, p, m.FileOffset, deviceMajor, deviceMinor, inode, path));
        }

        return result;
    }

    /// <summary>Converts ELF segment permissions to a private mapping's maps permissions.</summary>
    /// <param name="permissions">The segment permissions.</param>
    /// <returns>The same access bits, private.</returns>
    public static MapsPermissions ToMapsPermissions(SegmentPermissions permissions) =>
        ((permissions & SegmentPermissions.Read) != 0 ? MapsPermissions.Read : 0)
        | ((permissions & SegmentPermissions.Write) != 0 ? MapsPermissions.Write : 0)
        | ((permissions & SegmentPermissions.Execute) != 0 ? MapsPermissions.Execute : 0);
}
