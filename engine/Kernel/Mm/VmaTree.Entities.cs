using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel.Mm;

/// <summary>The tree's side of its VMA entities: creating, reading, writing and destroying them.</summary>
public sealed partial class VmaTree
{
    private VmArea Read(Entity entity)
    {
        World.Read(entity, out VmaRange range, out VmaFlags flags, out VmaBacking backing);
        return new VmArea(range.Start, range.End, flags.Permissions, flags.Shared, backing.Kind, backing.Path, backing.FileOffset, flags.Accounted, flags.HugePage);
    }

    private void Write(Entity entity, in VmArea area)
    {
        World.Set(entity, new VmaRange { Start = area.Start, End = area.End });
        World.Set(entity, new VmaFlags { Permissions = area.Permissions, Shared = area.Shared, Accounted = area.Accounted, HugePage = area.HugePage });
        World.Set(entity, new VmaBacking { Kind = area.Kind, Path = area.Path, FileOffset = area.FileOffset });
    }

    private Entity CreateEntity(in VmArea area)
    {
        var entity = World.Create(
            new VmaRange { Start = area.Start, End = area.End },
            new VmaFlags { Permissions = area.Permissions, Shared = area.Shared, Accounted = area.Accounted, HugePage = area.HugePage },
            new VmaBacking { Kind = area.Kind, Path = area.Path, FileOffset = area.FileOffset });
        World.Add(entity, new VmaOwner { Pid = OwnerPid });
        return entity;
    }

    private void DestroyAt(int index)
    {
        World.Destroy(_index[index].Entity);
        _index.RemoveAt(index);
    }

    // One VMA in the index: its entity and, as the sort key, its start.
    private readonly record struct IndexEntry(ulong Start, Entity Entity);
}
