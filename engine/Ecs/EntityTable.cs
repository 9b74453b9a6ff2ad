namespace VmQuest.Engine.Ecs;

/// <summary>
/// Where a live entity's row is, and the version its slot currently has. Holds no object reference (the
/// archetype is named by its position in the world's list): a table of millions of slots (a PTE entity per
/// mapped page) is then plain memory the garbage collector never scans, and writing a slot needs no write barrier.
/// </summary>
internal struct EntitySlot
{
    /// <summary><see cref="Archetype"/> when the entity is not placed in an archetype.</summary>
    public const int Unplaced = 0;

    /// <summary><see cref="Archetype"/> of a handle a command buffer reserved and has not placed yet.</summary>
    public const int ReservedHandle = -1;

    public int Version;

    /// <summary>1 + the archetype's index in the world's list; <see cref="Unplaced"/> or <see cref="ReservedHandle"/> otherwise.</summary>
    public int Archetype;
    public int Chunk;
    public int Row;
}

/// <summary>
/// The id → location table. Ids are reused last-freed-first; every reuse bumps the slot's version, so a
/// handle is valid exactly when its version equals the slot's and the slot is placed in an archetype.
/// </summary>
internal sealed class EntityTable
{
    private EntitySlot[] _slots = new EntitySlot[64];
    private readonly Stack<int> _freeIds = new();
    private int _highWater;

    /// <summary>Takes an id (the most recently freed first) and returns a handle with the slot's current version.</summary>
    public Entity Allocate()
    {
        int id;
        if (_freeIds.Count > 0)
        {
            id = _freeIds.Pop();
        }
        else
        {
            id = _highWater++;
            if (id == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }

            _slots[id].Version = 1;
        }

        // A reused slot's version was already bumped when it was freed.
        ref var slot = ref _slots[id];
        slot.Archetype = EntitySlot.Unplaced;
        return new Entity(id, slot.Version);
    }

    /// <summary>Makes every handle to <paramref name="entity"/> stale and returns its id for reuse.</summary>
    public void Free(Entity entity)
    {
        ref var slot = ref _slots[entity.Id];
        slot.Version = slot.Version == int.MaxValue ? 1 : slot.Version + 1; // 0 is reserved for Entity.Null
        slot.Archetype = EntitySlot.Unplaced;
        _freeIds.Push(entity.Id);
    }

    /// <summary>True when the handle's version matches and the entity has been placed.</summary>
    public bool IsAlive(Entity entity) =>
        (uint)entity.Id < (uint)_highWater && entity.Version != 0 &&
        _slots[entity.Id].Version == entity.Version && _slots[entity.Id].Archetype > 0;

    /// <summary>True when the handle was reserved by a command buffer and not yet placed.</summary>
    public bool IsReserved(Entity entity) =>
        (uint)entity.Id < (uint)_highWater && _slots[entity.Id].Version == entity.Version && _slots[entity.Id].Archetype == EntitySlot.ReservedHandle;

    public void MarkReserved(Entity entity) => _slots[entity.Id].Archetype = EntitySlot.ReservedHandle;

    /// <summary>The slot of a handle already checked to be alive (or reserved).</summary>
    public ref EntitySlot this[int id] => ref _slots[id];

    /// <summary>The number of ids ever handed out (live, free or reserved).</summary>
    public int Capacity => _highWater;

    /// <summary>Grows the table ahead of a bulk create so it does not resize repeatedly.</summary>
    public void EnsureCapacity(int count)
    {
        if (_slots.Length < count)
        {
            Array.Resize(ref _slots, Math.Max(count, _slots.Length * 2));
        }
    }
}
