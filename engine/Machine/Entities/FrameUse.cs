namespace VmQuest.Engine.Machine.Entities;

/// <summary>What a physical frame holds, for the city's lot colours and for invariant checks.</summary>
public enum FrameUse
{
    /// <summary>Not allocated.</summary>
    Free,

    /// <summary>Allocated but not (yet) reachable from any page table we track (boot image, kernel data).</summary>
    Reserved,

    /// <summary>A page-table page (the "address bureau").</summary>
    PageTable,

    /// <summary>Mapped by at least one leaf entry.</summary>
    Data,
}
