using VmQuest.Engine.Formats.Maps;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.City.Simulation;

/// <summary>
/// A real address space imported into the sandbox: the VMAs of a live process's <c>/proc/PID/maps</c> or of a
/// saved maps file (read by the <c>maps</c> command's <see cref="MapsReader"/>, with its limits), each becoming a
/// VMA of one simulated process at the same address, with the same permissions, file and offset. No page is
/// present until the process touches it.
/// </summary>
/// <param name="Source">Where the maps came from, as the user named it: "pid 1234" or a file path.</param>
/// <param name="Entries">The maps lines, in address order.</param>
/// <param name="ExecutablePath">The process's program (its <c>/proc/PID/exe</c>), or null to take the lowest mapped file.</param>
public sealed record ImportedLayout(string Source, IReadOnlyList<MapsEntry> Entries, string? ExecutablePath = null)
{
    /// <summary>The process's name in the city: the program's file name, else "maps".</summary>
    public string ProcessName =>
        Path.GetFileName(ExecutablePath ?? Entries.FirstOrDefault(e => e.IsFileBacked).PathWithoutDeletedSuffix ?? "") is { Length: > 0 } name
            ? (name.Length > 15 ? name[..15] : name) // TASK_COMM_LEN: a process name is at most 15 characters
            : "maps";

    /// <summary>
    /// Maps every entry that fits the process's user space into <paramref name="pid"/> (the <c>[vsyscall]</c> page
    /// lies in the kernel half and is left out, as it is no VMA on Linux either) and returns how many did.
    /// </summary>
    public int ApplyTo(KernelCore kernel, int pid)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var mm = kernel.MmOf(pid);
        var kinds = MapsClassifier.Classify(Entries, ExecutablePath);
        var mapped = 0;
        for (var i = 0; i < Entries.Count; i++)
        {
            var entry = Entries[i];
            if (kinds[i] == MapsKind.Vsyscall || entry.End > mm.TaskSize || entry.Start < mm.MinMapAddress)
            {
                continue;
            }

            var kind = KindOf(kinds[i]);
            var path = entry.IsFileBacked ? entry.PathWithoutDeletedSuffix : null;
            var flags = MapFlags.Fixed | ((entry.Permissions & MapsPermissions.Shared) != 0 ? MapFlags.Shared : MapFlags.Private);
            var offset = path is null ? 0 : entry.Offset;
            if (mm.Mmap(entry.Start, entry.Length, Permissions(entry.Permissions), flags, kind, path, offset).Succeeded)
            {
                mapped++;
            }
        }

        return mapped;
    }

    /// <summary>The VMA where the process's code runs: the program's text, else the first executable mapping.</summary>
    public static VmArea? CodeOf(MemoryDescriptor mm)
    {
        ArgumentNullException.ThrowIfNull(mm);
        VmArea? first = null;
        foreach (var area in mm.Vmas.Areas)
        {
            if (area.Kind == VmaKind.Text)
            {
                return area;
            }

            if ((area.Permissions & VmaPermissions.Execute) != 0 && area.Kind != VmaKind.Vdso)
            {
                first ??= area;
            }
        }

        return first;
    }

    /// <summary>The VMA the process's data accesses go to: its heap, else its largest private writable mapping.</summary>
    public static VmArea? DataOf(MemoryDescriptor mm)
    {
        ArgumentNullException.ThrowIfNull(mm);
        VmArea? best = null;
        foreach (var area in mm.Vmas.Areas)
        {
            if (area.Kind == VmaKind.Heap)
            {
                return area;
            }

            if ((area.Permissions & VmaPermissions.Write) != 0 && !area.Shared && area.Kind != VmaKind.Stack
                && (best is not { } b || area.End - area.Start > b.End - b.Start))
            {
                best = area;
            }
        }

        return best;
    }

    private static VmaKind KindOf(MapsKind kind) => kind switch
    {
        MapsKind.Text => VmaKind.Text,
        MapsKind.ReadOnlyData => VmaKind.ReadOnlyData,
        MapsKind.Data => VmaKind.Data,
        MapsKind.Bss => VmaKind.Bss,
        MapsKind.Heap => VmaKind.Heap,
        MapsKind.Stack => VmaKind.Stack,
        MapsKind.MappedFile => VmaKind.FileMapping,
        MapsKind.Vdso => VmaKind.Vdso,
        MapsKind.Vvar => VmaKind.Vvar,
        _ => VmaKind.AnonymousMapping,
    };

    private static VmaPermissions Permissions(MapsPermissions permissions) =>
        ((permissions & MapsPermissions.Read) != 0 ? VmaPermissions.Read : VmaPermissions.None)
        | ((permissions & MapsPermissions.Write) != 0 ? VmaPermissions.Write : VmaPermissions.None)
        | ((permissions & MapsPermissions.Execute) != 0 ? VmaPermissions.Execute : VmaPermissions.None);
}
