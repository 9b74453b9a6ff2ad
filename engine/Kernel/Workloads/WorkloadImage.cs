using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// The address space a workload program starts with, laid out like a small non-PIE executable: the script
/// file itself stands in for the program file (text r-x from offset 0, rodata r--, data rw-), then bss,
/// the heap's base, and a 132 KiB stack at the top of user space, as execve would build it.
/// </summary>
public static class WorkloadImage
{
    /// <summary>Where text starts (the classic non-PIE base).</summary>
    public const ulong TextStart = 0x40_0000;

    /// <summary>The top of the stack (the end of user space on x86-64).</summary>
    public const ulong StackTop = 0x7fff_ffff_f000;

    /// <summary>Builds the layout in the empty <paramref name="mm"/>, backed by <paramref name="programFile"/>.</summary>
    public static void Apply(MemoryDescriptor mm, string programFile)
    {
        ArgumentNullException.ThrowIfNull(mm);
        var page = mm.PageSize;
        var text = TextStart;
        var rodata = text + (2 * page);
        var data = rodata + page;
        var bss = data + page;
        var heap = bss + page;
        mm.Vmas.Insert(VmArea.Create(text, rodata, VmaPermissions.ReadExecute, shared: false, VmaKind.Text, programFile, 0));
        mm.Vmas.Insert(VmArea.Create(rodata, data, VmaPermissions.Read, shared: false, VmaKind.ReadOnlyData, programFile, 2 * page));
        mm.Vmas.Insert(VmArea.Create(data, bss, VmaPermissions.ReadWrite, shared: false, VmaKind.Data, programFile, 3 * page));
        mm.Vmas.Insert(VmArea.Create(bss, heap, VmaPermissions.ReadWrite, shared: false, VmaKind.Bss));
        mm.Vmas.Insert(VmArea.Create(StackTop - 0x21000, StackTop, VmaPermissions.ReadWrite, shared: false, VmaKind.Stack));
        (mm.StartCode, mm.EndCode, mm.StartData, mm.EndData) = (text, rodata, data, bss);
        (mm.StartBrk, mm.Brk) = (heap, heap);
        mm.StartStack = StackTop - 0x100;
        mm.MmapBase = 0x7fff_f7ff_f000;
    }

    /// <summary>
    /// The value of a region name for workload expressions: <c>text data bss heap stack</c> (<c>mmap</c> is bound
    /// by the program itself). False for any other name.
    /// </summary>
    public static bool TryResolve(MemoryDescriptor mm, string name, out long value)
    {
        ArgumentNullException.ThrowIfNull(mm);
        ulong? address = name switch
        {
            "text" => mm.StartCode,
            "data" => mm.StartData,
            "bss" => mm.EndData,
            "heap" => mm.StartBrk,
            "stack" => mm.StartStack,
            _ => null,
        };
        value = unchecked((long)(address ?? 0));
        return address is not null;
    }
}
