using VmQuest.Engine.Ecs;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Machine.Entities;

/// <summary>
/// Component of a PTE entity: one present leaf mapping as the kernel and the city query it (Linux's rmap view).
/// The raw entry in physical memory is the source of truth; <see cref="LeafPteSyncSystem"/> is this component's
/// only writer and <see cref="PteEntityInvariant"/> proves the two agree.
/// </summary>
public struct LeafPte
{
    /// <summary>The address-space entity whose tables hold the entry.</summary>
    public Entity Owner;

    /// <summary>First virtual address of the page (sign-extended on canonical machines).</summary>
    public ulong VirtualPage;

    /// <summary>Base-page frame number of the page's first byte.</summary>
    public ulong Frame;

    /// <summary>Decoded flags of the raw entry.</summary>
    public PteBits Flags;

    /// <summary>Level of the leaf (last level for base pages, higher for huge pages).</summary>
    public int Level;

    /// <summary>Physical address of the raw entry.</summary>
    public ulong EntryAddress;
}
