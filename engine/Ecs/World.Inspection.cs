namespace VmQuest.Engine.Ecs;

/// <summary>
/// Reading an entity without knowing its component types at compile time: for inspectors and debugging, never
/// for systems. Each read boxes one component, which is why nothing on a hot path may call these.
/// </summary>
public sealed partial class World
{
    /// <summary>
    /// A copy of the entity's component of type <paramref name="type"/>, boxed. Throws
    /// <see cref="StaleEntityException"/> for a dead handle and <see cref="ComponentMismatchException"/> when the
    /// entity lacks the component.
    /// </summary>
    public object ReadBoxed(Entity entity, ComponentType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (IsDerived(entity))
        {
            return ReadBoxedDerived(entity, type);
        }

        ref var slot = ref SlotOf(entity);
        var archetype = ArchetypeOf(slot);
        var column = archetype.ColumnOf(type.Id);
        if (column < 0)
        {
            throw ComponentMismatchException.Missing(entity, type.Type);
        }

        // Array.GetValue boxes the element: a copy, so the inspector can never write through it.
        return archetype.ChunkList[slot.Chunk].Column(column).GetValue(slot.Row)!;
    }

    /// <summary>
    /// The live entity whose slot is <paramref name="id"/> (whatever its version), so a raw id typed by a person
    /// can be inspected; false when that slot holds no live entity.
    /// </summary>
    public bool TryFindLive(int id, out Entity entity)
    {
        if (id >= 0 && id < _entities.Capacity)
        {
            var candidate = new Entity(id, _entities[id].Version);
            if (_entities.IsAlive(candidate))
            {
                entity = candidate;
                return true;
            }
        }

        var member = new Entity(id, EntityBlock.MemberVersion);
        if (IsBlockMember(member))
        {
            entity = member;
            return true;
        }

        return TryFindLiveDerived(id, out entity);
    }
}
