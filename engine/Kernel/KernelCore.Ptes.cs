using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Ptes;

namespace VmQuest.Engine.Kernel;

/// <summary>The PTE entities: every leaf write of the kernel goes through here, so they never lag the tables.</summary>
public sealed partial class KernelCore
{
    /// <summary>The PTE entities, derived from the page tables.</summary>
    internal PteEntities Ptes { get; }

    /// <summary>
    /// Writes the raw leaf <paramref name="entry"/> at <paramref name="slot"/> (the entry for <paramref name="va"/>
    /// in <paramref name="pid"/>'s tables), invalidating <paramref name="va"/> in the TLB. The slot's PTE entity is
    /// derived from the entry (live while it is non-zero); a non-zero write makes sure its table has a record.
    /// </summary>
    internal void WriteLeafEntry(int pid, ulong slot, ulong va, ulong entry)
    {
        Machine.Tables.WriteLeaf(slot, va, entry);
        if (entry != 0)
        {
            Ptes.Filled(pid, slot, va);
        }
    }

    /// <summary>
    /// Writes the raw PMD entry <paramref name="entry"/> at <paramref name="slot"/> (the PMD entry for the 2 MiB range
    /// holding <paramref name="va"/> in <paramref name="pid"/>'s tables), invalidating the range's TLB entry (an
    /// <c>invlpg</c> of any address in a 2 MiB page drops it). A huge leaf (PS set) is one PTE entity at the PMD level,
    /// live while the entry maps the huge page; writing a table pointer or 0 there ends it.
    /// </summary>
    internal void WriteHugeEntry(int pid, ulong slot, ulong va, ulong entry)
    {
        Machine.Tables.WriteLeaf(slot, va, entry);
        if (_pte.IsPresent(entry) && _pte.IsLeafAboveLastLevel(entry))
        {
            Ptes.FilledHuge(pid, slot, va);
        }
    }

    /// <summary>
    /// The PTE entity for the page holding <paramref name="va"/> in <paramref name="pid"/>'s tables (a present
    /// mapping, a huge page's PMD leaf, or a swap entry), or <see cref="Entity.Null"/> when there is none (or no such live process).
    /// </summary>
    public Entity PteEntityAt(int pid, ulong va)
    {
        if (!Exists(pid) || MemoryOf(pid).Mm is null || va >= TaskSize)
        {
            return Entity.Null;
        }

        var slot = Walks.LeafSlot(MemoryOf(pid).Root, va);
        if (slot == PageTableWalks.NoSlot)
        {
            // A huge page's one entity, at the PMD level.
            slot = Walks.HugeSlot(MemoryOf(pid).Root, va);
        }

        return slot == PageTableWalks.NoSlot ? Entity.Null : Ptes.At(slot);
    }
}
