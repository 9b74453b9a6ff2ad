using System.Runtime.CompilerServices;

namespace VmQuest.Engine.Ecs;

/// <summary>
/// The entity-component store: entities with versioned handles, their components grouped by archetype,
/// queries over them, typed resources and per-tick event queues.
/// <para>
/// Guarantees: a stale or foreign handle is rejected with <see cref="StaleEntityException"/>; a missing or
/// duplicate component with <see cref="ComponentMismatchException"/>; a structural change (create,
/// destroy, add, remove) while a query iterates with <see cref="StructuralChangeException"/>. Iteration
/// order depends only on the sequence of operations, never on hashing or timing. Not thread-safe.
/// </para>
/// </summary>
public sealed partial class World
{
    private readonly EntityTable _entities = new();
    private readonly List<Archetype> _archetypes = [];
    private readonly Dictionary<ComponentSet, Archetype> _archetypeBySignature = [];
    private readonly Archetype _emptyArchetype;
    private readonly Dictionary<(int, int, int), Archetype> _createCache = [];
    private int _iterating;

    /// <summary>Creates an empty world whose randomness all comes from <paramref name="seed"/>.</summary>
    public World(ulong seed = 0)
    {
        _emptyArchetype = ArchetypeFor(ComponentSet.Empty);
        Random = new DeterministicRandom(seed);
    }

    /// <summary>The world's one seeded random generator; every random choice in the simulation draws from it.</summary>
    public DeterministicRandom Random { get; }

    /// <summary>The number of live entities.</summary>
    public int EntityCount { get; private set; }

    /// <summary>Every archetype in creation order (the order queries visit them).</summary>
    public IReadOnlyList<Archetype> Archetypes => _archetypes;

    /// <summary>True while a query is iterating; structural changes then throw.</summary>
    public bool IsIterating => _iterating > 0;

    /// <summary>Creates an entity with no components.</summary>
    public Entity Create()
    {
        ThrowIfIterating(nameof(Create));
        var entity = _entities.Allocate();
        Place(entity, _emptyArchetype);
        return entity;
    }

    /// <summary>Creates an entity with one component.</summary>
    public Entity Create<T0>(in T0 c0)
    {
        ThrowIfIterating(nameof(Create));
        var entity = _entities.Allocate();
        var archetype = SingleComponentArchetype(ComponentTypeId<T0>.Value);   // an array read, not a hash: a PTE per fault
        Place(entity, archetype);
        WriteNew(archetype, c0);
        return entity;
    }

    /// <summary>Creates an entity with two components.</summary>
    public Entity Create<T0, T1>(in T0 c0, in T1 c1)
    {
        ThrowIfIterating(nameof(Create));
        var entity = _entities.Allocate();
        var archetype = CreateArchetype(ComponentTypeId<T0>.Value, ComponentTypeId<T1>.Value, -1);
        ThrowIfRepeated(archetype, 2, entity);
        Place(entity, archetype);
        WriteNew(archetype, c0);
        WriteNew(archetype, c1);
        return entity;
    }

    /// <summary>Creates an entity with three components.</summary>
    public Entity Create<T0, T1, T2>(in T0 c0, in T1 c1, in T2 c2)
    {
        ThrowIfIterating(nameof(Create));
        var entity = _entities.Allocate();
        var archetype = CreateArchetype(ComponentTypeId<T0>.Value, ComponentTypeId<T1>.Value, ComponentTypeId<T2>.Value);
        ThrowIfRepeated(archetype, 3, entity);
        Place(entity, archetype);
        WriteNew(archetype, c0);
        WriteNew(archetype, c1);
        WriteNew(archetype, c2);
        return entity;
    }

    /// <summary>Destroys the entity and its components; every handle to it becomes stale.</summary>
    public void Destroy(Entity entity)
    {
        ThrowIfIterating(nameof(Destroy));
        ThrowIfBlockMember(entity, nameof(Destroy));
        ref var slot = ref SlotOf(entity);
        RemoveFromArchetype(ArchetypeOf(slot), slot.Chunk, slot.Row);
        _entities.Free(entity);
        EntityCount--;
    }

    /// <summary>True when <paramref name="entity"/> names a live entity of this world.</summary>
    public bool IsAlive(Entity entity) => _entities.IsAlive(entity) || IsBlockMember(entity) || IsLiveDerived(entity);

    /// <summary>True when the entity has component <typeparamref name="T"/>.</summary>
    public bool Has<T>(Entity entity) => IsDerived(entity)
        ? DerivedHas(entity, ComponentTypeId<T>.Value)
        : ArchetypeOf(SlotOf(entity)).ColumnOf(ComponentTypeId<T>.Value) >= 0;

    /// <summary>
    /// A reference to the entity's <typeparamref name="T"/>, valid until the next structural change.
    /// Throws <see cref="ComponentMismatchException"/> when the entity lacks it, and
    /// <see cref="InvalidOperationException"/> for a derived entity (its components are computed: use
    /// <see cref="TryGet{T}"/>).
    /// </summary>
    public ref T Get<T>(Entity entity)
    {
        if (IsDerived(entity))
        {
            throw DerivedIsReadOnly(entity, nameof(Get));
        }

        ref var slot = ref SlotOf(entity);
        var archetype = ArchetypeOf(slot);
        var column = archetype.ColumnOf(ComponentTypeId<T>.Value);
        if (column < 0)
        {
            throw ComponentMismatchException.Missing(entity, typeof(T));
        }

        return ref archetype.ChunkList[slot.Chunk].GetRef<T>(column, slot.Row);
    }

    /// <summary>Copies the entity's <typeparamref name="T"/> into <paramref name="component"/> if it has one.</summary>
    public bool TryGet<T>(Entity entity, out T component)
    {
        if (IsDerived(entity))
        {
            return TryGetDerived(entity, out component);
        }

        ref var slot = ref SlotOf(entity);
        var archetype = ArchetypeOf(slot);
        var column = archetype.ColumnOf(ComponentTypeId<T>.Value);
        if (column < 0)
        {
            component = default!;
            return false;
        }

        component = archetype.ChunkList[slot.Chunk].GetRef<T>(column, slot.Row);
        return true;
    }

    /// <summary>Overwrites an existing component; not a structural change, so allowed inside queries.</summary>
    public void Set<T>(Entity entity, in T component) => Get<T>(entity) = component;

    /// <summary>Adds a component the entity does not have yet (moving it to another archetype).</summary>
    public void Add<T>(Entity entity, in T component)
    {
        ThrowIfIterating(nameof(Add));
        ThrowIfBlockMember(entity, nameof(Add));
        ref var slot = ref SlotOf(entity);
        var from = ArchetypeOf(slot);
        var typeId = ComponentTypeId<T>.Value;
        if (from.ColumnOf(typeId) >= 0)
        {
            throw ComponentMismatchException.Duplicate(entity, typeof(T));
        }

        var to = from.CachedAdd(typeId) ?? LinkAdd(from, typeId);
        Move(entity, ref slot, to);
        WriteNew(to, component);
    }

    /// <summary>Adds a component with its default value.</summary>
    public void Add<T>(Entity entity) => Add(entity, default(T)!);

    /// <summary>Removes a component the entity has (moving it to another archetype).</summary>
    public void Remove<T>(Entity entity)
    {
        ThrowIfIterating(nameof(Remove));
        ThrowIfBlockMember(entity, nameof(Remove));
        ref var slot = ref SlotOf(entity);
        var from = ArchetypeOf(slot);
        var typeId = ComponentTypeId<T>.Value;
        if (from.ColumnOf(typeId) < 0)
        {
            throw ComponentMismatchException.Missing(entity, typeof(T));
        }

        var to = from.CachedRemove(typeId) ?? LinkRemove(from, typeId);
        Move(entity, ref slot, to);
    }

    /// <summary>The component types the entity has, in id order (for inspectors and debugging).</summary>
    public IReadOnlyList<ComponentType> ComponentTypesOf(Entity entity) =>
        IsDerived(entity) ? LiveDerived(entity).Source.ComponentTypes : ArchetypeOf(SlotOf(entity)).Types;

    /// <summary>Makes room for <paramref name="count"/> more entities so a bulk create does not reallocate.</summary>
    public void Reserve(int count) => _entities.EnsureCapacity(_entities.Capacity + count);

    internal Entity ReserveHandle()
    {
        var entity = _entities.Allocate();
        _entities.MarkReserved(entity);
        return entity;
    }

    internal bool IsReservedHandle(Entity entity) => _entities.IsReserved(entity);

    internal void PlaceReserved(Entity entity)
    {
        ThrowIfIterating(nameof(Create));
        Place(entity, _emptyArchetype);
    }

    internal void ReleaseReserved(Entity entity) => _entities.Free(entity);

    private void Place(Entity entity, Archetype archetype)
    {
        var (chunk, row) = archetype.Append(entity);
        ref var slot = ref _entities[entity.Id];
        slot.Archetype = archetype.Index + 1;
        slot.Chunk = chunk;
        slot.Row = row;
        EntityCount++;
    }

    private void Move(Entity entity, ref EntitySlot slot, Archetype to)
    {
        var from = ArchetypeOf(slot);
        var (toChunkIndex, toRow) = to.Append(entity);
        var fromChunk = from.ChunkList[slot.Chunk];
        var toChunk = to.ChunkList[toChunkIndex];
        foreach (var type in from.Types)
        {
            var toColumn = to.ColumnOf(type.Id);
            if (toColumn >= 0)
            {
                Array.Copy(fromChunk.Column(from.ColumnOf(type.Id)), slot.Row, toChunk.Column(toColumn), toRow, 1);
            }
        }

        RemoveFromArchetype(from, slot.Chunk, slot.Row);
        slot.Archetype = to.Index + 1;
        slot.Chunk = toChunkIndex;
        slot.Row = toRow;
    }

    private Archetype ArchetypeOf(in EntitySlot slot) => _archetypes[slot.Archetype - 1];

    private void RemoveFromArchetype(Archetype archetype, int chunk, int row)
    {
        var moved = archetype.RemoveRow(chunk, row);
        if (!moved.IsNull)
        {
            ref var movedSlot = ref _entities[moved.Id];
            movedSlot.Chunk = chunk;
            movedSlot.Row = row;
        }
    }

    private static void WriteNew<T>(Archetype archetype, in T component)
    {
        var chunk = archetype.ChunkList[^1];
        chunk.GetRef<T>(archetype.ColumnOf(ComponentTypeId<T>.Value), chunk.Count - 1) = component;
    }

    private ref EntitySlot SlotOf(Entity entity)
    {
        if (!_entities.IsAlive(entity))
        {
            return ref BlockSlotOf(entity);
        }

        return ref _entities[entity.Id];
    }

    private Archetype ArchetypeFor(ComponentSet signature)
    {
        if (!_archetypeBySignature.TryGetValue(signature, out var archetype))
        {
            archetype = new Archetype(signature, _archetypes.Count);
            _archetypeBySignature.Add(signature, archetype);
            _archetypes.Add(archetype);
        }

        return archetype;
    }

    // Bulk creation of one kind of entity (a million frames) must not build a ComponentSet per call, so the
    // archetype for each (T0, T1, T2) id triple is remembered.
    private Archetype CreateArchetype(int id0, int id1, int id2)
    {
        var key = (id0, id1, id2);
        if (!_createCache.TryGetValue(key, out var archetype))
        {
            archetype = ArchetypeFor(id2 >= 0 ? ComponentSet.Of(id0, id1, id2)
                : id1 >= 0 ? ComponentSet.Of(id0, id1) : ComponentSet.Of(id0));
            _createCache.Add(key, archetype);
        }

        return archetype;
    }

    private Archetype LinkAdd(Archetype from, int typeId)
    {
        var to = ArchetypeFor(from.Signature.With(typeId));
        from.CacheEdges(typeId, to);
        return to;
    }

    private Archetype LinkRemove(Archetype from, int typeId)
    {
        var to = ArchetypeFor(from.Signature.Without(typeId));
        to.CacheEdges(typeId, from);
        return to;
    }

    private void ThrowIfRepeated(Archetype archetype, int expectedTypes, Entity entity)
    {
        if (archetype.Types.Length != expectedTypes)
        {
            _entities.Free(entity);
            throw new ArgumentException("Create was given the same component type more than once.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ThrowIfIterating(string operation)
    {
        if (_iterating > 0)
        {
            throw new StructuralChangeException(operation);
        }
    }
}
