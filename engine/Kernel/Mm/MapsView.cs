using VmQuest.Engine.Formats.Maps;

namespace VmQuest.Engine.Kernel.Mm;

/// <summary>
/// Shows an address space as <c>/proc/PID/maps</c> shows it: one entry per VMA in address order, file
/// mappings with their path and offset, the heap and stack by their pseudo-names, anonymous areas unnamed.
/// The simulated files have no device or inode, so those columns read <c>00:00 0</c>.
/// </summary>
public static class MapsView
{
    /// <summary>The maps entries of <paramref name="vmas"/>.</summary>
    public static List<MapsEntry> Entries(VmaTree vmas)
    {
        ArgumentNullException.ThrowIfNull(vmas);
        return vmas.Areas.Select(ToEntry).ToList();
    }

    /// <summary>The maps entry of one VMA.</summary>
    public static MapsEntry ToEntry(VmArea area)
    {
        var permissions = MapsPermissions.None;
        permissions |= (area.Permissions & VmaPermissions.Read) != 0 ? MapsPermissions.Read : MapsPermissions.None;
        permissions |= (area.Permissions & VmaPermissions.Write) != 0 ? MapsPermissions.Write : MapsPermissions.None;
        permissions |= (area.Permissions & VmaPermissions.Execute) != 0 ? MapsPermissions.Execute : MapsPermissions.None;
        permissions |= area.Shared ? MapsPermissions.Shared : MapsPermissions.None;
        var path = area.Path ?? area.Kind switch
        {
            VmaKind.Heap => "[heap]",
            VmaKind.Stack => "[stack]",
            _ => "",
        };
        return new MapsEntry(area.Start, area.End, permissions, area.IsFileBacked ? area.FileOffset : 0, 0, 0, 0, path);
    }

    /// <summary>The lower-case kind name used in <c>--json</c> output (<c>text</c>, <c>heap</c>, …).</summary>
    public static string KindName(VmaKind kind) => kind switch
    {
        VmaKind.Text => "text",
        VmaKind.ReadOnlyData => "rodata",
        VmaKind.Data => "data",
        VmaKind.Bss => "bss",
        VmaKind.Heap => "heap",
        VmaKind.Stack => "stack",
        VmaKind.FileMapping => "mmap-file",
        VmaKind.AnonymousMapping => "mmap-anon",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
