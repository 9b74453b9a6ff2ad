namespace VmQuest.Engine.Ecs;

/// <summary>Where a live entity's row is, and the version its slot currently has.</summary>
internal struct EntitySlot
{
    public int Version;
    public Archetype? Archetype;
    public int Chunk;
    public int Row;
    public bool Reserved;
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
        slot.Archetype = null;
        slot.Reserved = false;
        return new Entity(id, slot.Version);
    }

    /// <summary>Makes every handle to <paramref name="entity"/> stale and returns its id for reuse.</summary>
    public void Free(Entity entity)
    {
        ref var slot = ref _slots[entity.Id];
        slot.Version = slot.Version == int.MaxValue ? 1 : slot.Version + 1; // 0 is reserved for Entity.Null
        slot.Archetype = null;
        slot.Reserved = false;
        _freeIds.Push(entity.Id);
    }

    /// <summary>True when the handle's version matches and the entity has been placed.</summary>
    public bool IsAlive(Entity entity) =>
        (uint)entity.Id < (uint)_highWater && entity.Version != 0 &&
        _slots[entity.Id].Version == entity.Version && _slots[entity.Id].Archetype is not null;

    /// <summary>True when the handle was reserved by a command buffer and not yet placed.</summary>
    public bool IsReserved(Entity entity) =>
        (uint)entity.Id < (uint)_highWater && _slots[entity.Id].Version == entity.Version && _slots[entity.Id].Reserved;

    public void MarkReserved(Entity entity) => _slots[entity.Id].Reserved = true;

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
