using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Machine.Entities;

/// <summary>
/// World resource indexing the machine's entities: the frame entity of each frame number, and the PTE entity of
/// each (address space, page). Maintained by <see cref="MachineWorld"/> (frames) and
/// <see cref="LeafPteSyncSystem"/> (PTEs); lookups are O(1).
/// </summary>
public sealed class MachineDirectory
{
    /// <summary>Creates an empty directory for <paramref name="frameCount"/> frames.</summary>
    public MachineDirectory(ulong frameCount) => Frames = new Entity[frameCount];

    /// <summary>Frame entity by frame number.</summary>
    public Entity[] Frames { get; }

    /// <summary>PTE entity by owner and first virtual address of the page.</summary>
    public Dictionary<(Entity Owner, ulong Page), Entity> Ptes { get; } = [];
}
