namespace VmQuest.City.Physical;

/// <summary>How the city zones a frame's lot: what the frame holds, refined by the VMA that maps it.</summary>
public enum LotKind : byte
{
    /// <summary>Nothing: an empty lot.</summary>
    Free,

    /// <summary>A page-table page: the address bureau.</summary>
    PageTable,

    /// <summary>A file page: program text, read-only data, file mappings (the factories).</summary>
    File,

    /// <summary>Anonymous data or bss (the houses), including private copies of file data.</summary>
    Data,

    /// <summary>Anonymous heap or anonymous mmap.</summary>
    Heap,

    /// <summary>Stack (the towers).</summary>
    Stack,

    /// <summary>Reserved by the machine or the kernel: walled.</summary>
    Kernel,

    /// <summary>
    /// The kernel's shared zero page: one lot that every read of untouched private anonymous memory maps read-only
    /// (drawn walled like the kernel's, hollow like a zero).
    /// </summary>
    ZeroPage,
}
