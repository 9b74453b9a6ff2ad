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
/// <para>
/// Slots live in fixed pages of 4,096 on the pinned object heap, not in one array that doubles: a fork that
/// adds a quarter of a million PTE entities then allocates only the pages it fills — no copy of every slot,
/// no giant reallocation that makes the collector run a full collection, and the pages never move.
/// </para>
/// </summary>
internal sealed class EntityTable
{
    private const int PageShift = 12;
    private const int PageSlots = 1 << PageShift;
    private const int PageMask = PageSlots - 1;

    private EntitySlot[][] _pages = [NewPage()];
    private int _pageCount = 1;
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
            if (id >> PageShift == _pageCount)
            {
                AddPage();
            }

            this[id].Version = 1;
        }

        // A reused slot's version was already bumped when it was freed.
        ref var slot = ref this[id];
        slot.Archetype = EntitySlot.Unplaced;
        return new Entity(id, slot.Version);
    }

    /// <summary>Makes every handle to <paramref name="entity"/> stale and returns its id for reuse.</summary>
    public void Free(Entity entity)
    {
        ref var slot = ref this[entity.Id];
        slot.Version = slot.Version == int.MaxValue ? 1 : slot.Version + 1; // 0 is reserved for Entity.Null
        slot.Archetype = EntitySlot.Unplaced;
        _freeIds.Push(entity.Id);
    }

    /// <summary>True when the handle's version matches and the entity has been placed.</summary>
    public bool IsAlive(Entity entity)
    {
        if ((uint)entity.Id >= (uint)_highWater || entity.Version == 0)
        {
            return false;
        }

        ref var slot = ref this[entity.Id];
        return slot.Version == entity.Version && slot.Archetype > 0;
    }

    /// <summary>True when the handle was reserved by a command buffer and not yet placed.</summary>
    public bool IsReserved(Entity entity) =>
        (uint)entity.Id < (uint)_highWater && this[entity.Id].Version == entity.Version && this[entity.Id].Archetype == EntitySlot.ReservedHandle;

    public void MarkReserved(Entity entity) => this[entity.Id].Archetype = EntitySlot.ReservedHandle;

    /// <summary>The slot of a handle already checked to be alive (or reserved).</summary>
    public ref EntitySlot this[int id] => ref _pages[id >> PageShift][id & PageMask];

    /// <summary>The number of ids ever handed out (live, free or reserved).</summary>
    public int Capacity => _highWater;

    /// <summary>Makes room for ids up to <paramref name="count"/> ahead of a bulk create.</summary>
    public void EnsureCapacity(int count)
    {
        while ((long)_pageCount << PageShift < count)
        {
            AddPage();
        }
    }

    private void AddPage()
    {
        // Ids from World.FirstBlockId up belong to blocks and derived entities.
        if ((long)(_pageCount + 1) << PageShift > World.FirstBlockId)
        {
            throw new InvalidOperationException($"the world holds {World.FirstBlockId:N0} entities and has no ids left for another");
        }

        if (_pageCount == _pages.Length)
        {
            Array.Resize(ref _pages, _pages.Length * 2);
        }

        _pages[_pageCount++] = NewPage();
    }

    private static EntitySlot[] NewPage() => GC.AllocateArray<EntitySlot>(PageSlots, pinned: true);
}
