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
            VmaKind.Vvar => "[vvar]",
            VmaKind.VvarVclock => "[vvar_vclock]",
            VmaKind.Vdso => "[vdso]",
            _ => "",
        };
        return new MapsEntry(area.Start, area.End, permissions, area.IsFileBacked ? area.FileOffset : 0, 0, 0, 0, path);
    }

    /// <summary>
    /// The <c>[vsyscall]</c> line every x86-64 process's maps ends with: not a VMA but the gate area
    /// (<c>get_gate_vma</c>), one page at <see cref="Exec.VdsoLayout.VsyscallAddress"/>, execute-only
    /// (<c>vsyscall=xonly</c>, the default since Linux 5.18: calls into it are emulated, reads fault).
    /// </summary>
    public static MapsEntry GateArea { get; } = new(
        Exec.VdsoLayout.VsyscallAddress, Exec.VdsoLayout.VsyscallAddress + Exec.VdsoLayout.PageSize, MapsPermissions.Execute, 0, 0, 0, 0, "[vsyscall]");

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
        VmaKind.Vvar or VmaKind.VvarVclock => "vvar",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
