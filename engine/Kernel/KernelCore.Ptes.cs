namespace VmQuest.Engine.Kernel;

/// <summary>The one door for the kernel's leaf-entry writes.</summary>
public sealed partial class KernelCore
{
    /// <summary>Writes <paramref name="entry"/> into the leaf slot at <paramref name="slot"/> mapping <paramref name="va"/> of <paramref name="pid"/>.</summary>
    internal void WriteLeafEntry(int pid, ulong slot, ulong va, ulong entry) => Machine.Tables.WriteLeaf(slot, va, entry);
}
