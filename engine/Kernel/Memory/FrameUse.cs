namespace VmQuest.Engine.Kernel.Memory;

/// <summary>What a physical frame holds — the city's zoning of its lot.</summary>
public enum FrameUse : byte
{
    /// <summary>Nothing: an empty lot.</summary>
    Free,

    /// <summary>A page-table page (the address bureau).</summary>
    PageTable,

    /// <summary>Anonymous memory: heap, stack, bss, private copies.</summary>
    Anonymous,

    /// <summary>A page of a file, in the page cache (program text and data, file mappings).</summary>
    File,

    /// <summary>Reserved by the machine image or the kernel itself.</summary>
    Reserved,

    /// <summary>
    /// The shared zero page (Linux's <c>empty_zero_page</c>): one zero-filled frame every read fault on private
    /// anonymous memory maps read-only. Never written, evicted or freed; not a data frame.
    /// </summary>
    ZeroPage,
}
