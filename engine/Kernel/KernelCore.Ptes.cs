namespace VmQuest.Engine.Kernel;

/// <summary>The one door for the kernel's leaf-entry writes.</summary>
public sealed partial class KernelCore
{
    /// <summary>
    /// Writes <paramref name="entry"/> into the leaf slot at physical address <paramref name="slot"/> (the entry for
    /// <paramref name="va"/> in <paramref name="pid"/>'s tables). Every leaf write the kernel makes goes through here,
    /// so whatever mirrors the leaves has one place to stay in step with them.
    /// </summary>
    internal void WriteLeafEntry(int pid, ulong slot, ulong va, ulong entry) => Machine.Tables.WriteLeaf(slot, va, entry);
}
