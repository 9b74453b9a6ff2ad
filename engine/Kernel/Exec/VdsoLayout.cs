using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Engine.Kernel.Exec;

/// <summary>
/// The pages execve maps besides the program (Linux's <c>arch_setup_additional_pages</c> → <c>map_vdso</c>), with
/// the sizes Linux 6.18 on x86-64 gives them: <c>[vvar]</c> 4 pages <c>r--p</c>, <c>[vvar_vclock]</c> 2 pages
/// <c>r--p</c> (split from <c>[vvar]</c> in 6.13), <c>[vdso]</c> 2 pages <c>r-xp</c>, one block placed by the
/// top-down <c>get_unmapped_area</c> after the program and its interpreter are mapped — right below the
/// interpreter, or below <c>mmap_base</c> for a static program (observed under <c>setarch -R</c>: a static
/// program's <c>[vvar]</c> at 0x7ffff7ff7000, a dynamic one's at 0x7ffff7fc2000 below <c>ld.so</c>). And the
/// <c>[vsyscall]</c> page every x86-64 process's maps ends with (not a VMA: the gate area).
/// </summary>
public static class VdsoLayout
{
    /// <summary>Page size.</summary>
    public const ulong PageSize = LinuxX64Layout.PageSize;

    /// <summary><c>[vvar]</c>'s length: 4 pages.</summary>
    public const ulong VvarLength = 4 * PageSize;

    /// <summary><c>[vvar_vclock]</c>'s length: 2 pages.</summary>
    public const ulong VvarVclockLength = 2 * PageSize;

    /// <summary><c>[vdso]</c>'s length: 2 pages.</summary>
    public const ulong VdsoLength = 2 * PageSize;

    /// <summary><c>VSYSCALL_ADDR</c>: the fixed address of the legacy vsyscall page, in the kernel half.</summary>
    public const ulong VsyscallAddress = 0xFFFF_FFFF_FF60_0000;

    /// <summary>
    /// Maps <c>[vvar]</c>, <c>[vvar_vclock]</c> and <c>[vdso]</c> into <paramref name="mm"/> at the highest free
    /// range below its <c>mmap_base</c>; returns the vDSO's address (<c>AT_SYSINFO_EHDR</c>), or null when no range
    /// fits (then execve goes on without it, as Linux's does when <c>map_vdso</c> fails).
    /// </summary>
    public static ulong? Map(MemoryDescriptor mm)
    {
        ArgumentNullException.ThrowIfNull(mm);
        const ulong total = VvarLength + VvarVclockLength + VdsoLength;
        if (mm.Vmas.FindGapTopDown(total, mm.MinMapAddress, mm.MmapBase == 0 ? mm.TaskSize : mm.MmapBase) is not { } start)
        {
            return null;
        }

        var vclock = start + VvarLength;
        var vdso = vclock + VvarVclockLength;
        mm.Vmas.Insert(VmArea.Create(start, vclock, VmaPermissions.Read, shared: false, VmaKind.Vvar));
        mm.Vmas.Insert(VmArea.Create(vclock, vdso, VmaPermissions.Read, shared: false, VmaKind.VvarVclock));
        mm.Vmas.Insert(VmArea.Create(vdso, vdso + VdsoLength, VmaPermissions.Read | VmaPermissions.Execute, shared: false, VmaKind.Vdso));
        return vdso;
    }
}
