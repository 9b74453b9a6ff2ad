namespace VmQuest.Engine.Ecs;

/// <summary>Derived entities: ids whose entities are computed by their owner (see <see cref="IDerivedEntities"/>).</summary>
public sealed partial class World
{
    private readonly List<(int FirstId, int Count, IDerivedEntities Source)> _derived = [];

    /// <summary>
    /// Reserves <paramref name="count"/> ids (from the same range as blocks) for the entities <paramref name="source"/>
    /// computes, and returns the first: member <c>i</c> has id <c>first + i</c> and whatever version the source gives.
    /// </summary>
    public int AddDerived(int count, IDerivedEntities source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > int.MaxValue - _nextBlockId)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "the world has no ids left for that many derived entities");
        }

        var first = _nextBlockId;
        _nextBlockId += count;
        _derived.Add((first, count, source));
        return first;
    }

    /// <summary>The ids the world has left for blocks and derived entities.</summary>
    public int IdsLeft => int.MaxValue - _nextBlockId;

    // The source and member index of a derived id, or (null, -1).
    private (IDerivedEntities? Source, int Index) DerivedOf(int id)
    {
        if (id >= FirstBlockId)
        {
            foreach (var (first, count, source) in _derived)
            {
                if (id - first >= 0 && id - first < count)
                {
                    return (source, id - first);
                }
            }
        }

        return (null, -1);
    }

    // Whether the id is in a derived run (live or not): block members and table entities never are.
    private bool IsDerived(Entity entity) => entity.Id >= FirstBlockId && _derived.Count > 0 && DerivedOf(entity.Id).Source is not null;

    private bool IsLiveDerived(Entity entity) => DerivedOf(entity.Id) is ({ } source, var index) && entity.Version != 0 && source.LiveVersion(index) == entity.Version;

    // The live derived entity's source and index; throws as for a stale handle otherwise.
    private (IDerivedEntities Source, int Index) LiveDerived(Entity entity) =>
        DerivedOf(entity.Id) is ({ } source, var index) && entity.Version != 0 && source.LiveVersion(index) == entity.Version
            ? (source, index)
            : throw new StaleEntityException(entity);

    private bool DerivedHas(Entity entity, int typeId)
    {
        var (source, _) = LiveDerived(entity);
        foreach (var type in source.ComponentTypes)
        {
            if (type.Id == typeId)
            {
                return true;
            }
        }

        return false;
    }

    private bool TryGetDerived<T>(Entity entity, out T component)
    {
        var type = ComponentType.Of<T>();
        if (!DerivedHas(entity, type.Id))
        {
            component = default!;
            return false;
        }

        var (source, index) = LiveDerived(entity);
        component = (T)source.ReadBoxed(index, type);
        return true;
    }

    private object ReadBoxedDerived(Entity entity, ComponentType type)
    {
        if (!DerivedHas(entity, type.Id))
        {
            throw ComponentMismatchException.Missing(entity, type.Type);
        }

        var (source, index) = LiveDerived(entity);
        return source.ReadBoxed(index, type);
    }

    private bool TryFindLiveDerived(int id, out Entity entity)
    {
        if (DerivedOf(id) is ({ } source, var index) && source.LiveVersion(index) is var version and not 0)
        {
            entity = new Entity(id, version);
            return true;
        }

        entity = Entity.Null;
        return false;
    }

    private static InvalidOperationException DerivedIsReadOnly(Entity entity, string operation) =>
        new($"{operation} cannot change {entity}: it is a derived entity, computed by its owner, and read-only through the world.");
}
