using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// The address space a workload program starts with, laid out like a small non-PIE executable (text r-x from
/// offset 0, rodata r--, data rw-, each backed by the program's image file), then bss, the heap's base, and a
/// 132 KiB stack at the top of user space, as execve would build it. The image is <see cref="Contents"/>, a small
/// executable the kernel holds in memory under the script's name: its text is machine code, its rodata begins
/// with the C string literal <c>"hello"</c> (what <c>char *s = "hello"</c> points at: <c>rodata</c>), its data
/// is initialised to zero.
/// </summary>
/// <remarks>
/// A teaching machine whose whole user space lies below <see cref="TextStart"/> (a one-level table of a few bits,
/// as in OSTEP's homework) gets the same layout shrunk: text from the first page above the NULL page, the stack
/// (an eighth of the space, at most 132 KiB) at the top of user space, the mmap area just below it. Every other
/// machine keeps the x86-64 addresses.
/// </remarks>
public static class WorkloadImage
{
    /// <summary>Where text starts (the classic non-PIE base).</summary>
    public const ulong TextStart = 0x40_0000;

    /// <summary>The top of the stack (the end of user space on x86-64).</summary>
    public const ulong StackTop = 0x7fff_ffff_f000;

    /// <summary>The string literal at the start of every program's rodata, NUL-terminated as C stores it.</summary>
    public const string StringLiteral = "hello";

    // 132 KiB: the stack execve sets up for a small program (its arguments and 128 KiB of expansion).
    private const ulong DefaultStackSize = 0x21000;

    /// <summary>
    /// The program image: 2 pages of text (x86-64 <c>main: endbr64; xor eax, eax; ret</c>, padded with
    /// <c>int3</c> as compilers pad), 1 page of rodata starting with <see cref="StringLiteral"/> and its NUL, 1 page
    /// of data (zeros). 4 pages long, so every page the layout maps from it lies within the file.
    /// </summary>
    public static byte[] Contents(ulong pageSize)
    {
        var image = new byte[4 * pageSize];
        var text = image.AsSpan(0, (int)(2 * pageSize));
        text.Fill(0xCC);
        byte[] main = [0xF3, 0x0F, 0x1E, 0xFA, 0x31, 0xC0, 0xC3];
        main.CopyTo(text);
        System.Text.Encoding.ASCII.GetBytes(StringLiteral).CopyTo(image.AsSpan((int)(2 * pageSize)));
        return image;
    }

    /// <summary>Builds the layout in the empty <paramref name="mm"/>, backed by <paramref name="programFile"/>.</summary>
    public static void Apply(MemoryDescriptor mm, string programFile)
    {
        ArgumentNullException.ThrowIfNull(mm);
        var page = mm.PageSize;
        var compact = IsCompact(mm.TaskSize);
        var text = compact ? page : TextStart;
        var rodata = text + (2 * page);
        var data = rodata + page;
        var bss = data + page;
        var heap = bss + page;
        var stackTop = compact ? mm.TaskSize : StackTop;
        var stackSize = compact ? Math.Max(page, Math.Min(DefaultStackSize, mm.TaskSize / 8) & ~(page - 1)) : DefaultStackSize;
        mm.Vmas.Insert(VmArea.Create(text, rodata, VmaPermissions.ReadExecute, shared: false, VmaKind.Text, programFile, 0));
        mm.Vmas.Insert(VmArea.Create(rodata, data, VmaPermissions.Read, shared: false, VmaKind.ReadOnlyData, programFile, 2 * page));
        mm.Vmas.Insert(VmArea.Create(data, bss, VmaPermissions.ReadWrite, shared: false, VmaKind.Data, programFile, 3 * page));
        mm.Vmas.Insert(VmArea.Create(bss, heap, VmaPermissions.ReadWrite, shared: false, VmaKind.Bss));
        mm.Vmas.Insert(VmArea.Create(stackTop - stackSize, stackTop, VmaPermissions.ReadWrite, shared: false, VmaKind.Stack));
        (mm.StartCode, mm.EndCode, mm.StartData, mm.EndData) = (text, rodata, data, bss);
        (mm.StartBrk, mm.Brk) = (heap, heap);
        mm.StartStack = stackTop - Math.Min(0x100, page / 2);
        mm.MmapBase = compact ? stackTop - stackSize - page : 0x7fff_f7ff_f000;
    }

    /// <summary>
    /// True when a user space ending at <paramref name="taskSize"/> gets the compact layout (it cannot hold text at
    /// <see cref="TextStart"/>); false for x86-64, LA57, Sv39 and i386, which keep the usual addresses.
    /// </summary>
    public static bool IsCompact(ulong taskSize) => taskSize <= TextStart;

    /// <summary>
    /// True when the compact layout of <paramref name="pageSize"/>-byte pages fits a user space ending at
    /// <paramref name="taskSize"/>: the NULL page, the program's four pages, a bss page and room for the heap, a
    /// gap, the mmap area and the stack (at least 16 pages in all), with pages big enough for the program's code and
    /// string literal (4 KiB or more, as every real machine has).
    /// </summary>
    public static bool FitsCompact(ulong pageSize, ulong taskSize) => pageSize >= 4096 && taskSize >= 16 * pageSize;

    /// <summary>
    /// The value of a region name for workload expressions: <c>text rodata data bss heap stack</c> (<c>mmap</c> is bound
    /// by the program itself). False for any other name.
    /// </summary>
    public static bool TryResolve(MemoryDescriptor mm, string name, out long value)
    {
        ArgumentNullException.ThrowIfNull(mm);
        ulong? address = name switch
        {
            "text" => mm.StartCode,
            "rodata" => mm.EndCode,
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
