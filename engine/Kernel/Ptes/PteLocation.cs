namespace VmQuest.Engine.Kernel.Ptes;

/// <summary>
/// Component of a PTE entity: one non-empty leaf entry (a present mapping or a swap entry) in a process's page
/// tables: whose it is, which page it translates, at which level, and where the raw entry sits in simulated
/// physical memory. Only the facts that cannot change while the entity lives are kept here. The entry itself
/// (frame, flags, A and D) stays in physical memory, the hardware's truth the walker reads and writes: read it
/// through <see cref="EntryAddress"/>, so there is no copy to drift. Written only by the kernel's PTE bookkeeping
/// (<c>KernelCore.WriteLeafEntry</c>, fork's table copy), which creates the entity when the slot becomes
/// non-zero and destroys it when the slot is cleared.
/// </summary>
public struct PteLocation
{
    /// <summary>Physical address of the raw entry.</summary>
    public ulong EntryAddress;

    /// <summary>First virtual address of the page the entry translates.</summary>
    public ulong VirtualPage;

    /// <summary>The owning process.</summary>
    public int Pid;

    /// <summary>The table level holding the entry (the last level: the kernel maps base pages only).</summary>
    public int Level;
}
