namespace VmQuest.Engine.Ecs;

/// <summary>Reading several components of one entity with one lookup of its slot.</summary>
public sealed partial class World
{
    /// <summary>
    /// Copies three of the entity's components out with one slot lookup: what a fault needs of a VMA (its range,
    /// flags and backing) costs one entity lookup instead of three. Throws as <see cref="Get{T}"/> does.
    /// </summary>
    public void Read<T0, T1, T2>(Entity entity, out T0 c0, out T1 c1, out T2 c2)
    {
        ref var slot = ref SlotOf(entity);
        var archetype = ArchetypeOf(slot);
        var chunk = archetype.ChunkList[slot.Chunk];
        c0 = chunk.GetRef<T0>(ColumnOrThrow<T0>(archetype, entity), slot.Row);
        c1 = chunk.GetRef<T1>(ColumnOrThrow<T1>(archetype, entity), slot.Row);
        c2 = chunk.GetRef<T2>(ColumnOrThrow<T2>(archetype, entity), slot.Row);
    }

    private static int ColumnOrThrow<T>(Archetype archetype, Entity entity)
    {
        var column = archetype.ColumnOf(ComponentTypeId<T>.Value);
        return column >= 0 ? column : throw ComponentMismatchException.Missing(entity, typeof(T));
    }
}
