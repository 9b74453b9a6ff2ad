using System.Runtime.CompilerServices;

namespace VmQuest.Engine.Ecs;

/// <summary>
/// Creating many entities of one kind at once. fork copies a quarter of a million PTEs in a few
/// milliseconds, so their entities must cost a few nanoseconds each: no archetype lookup per entity, no
/// allocation beyond the chunks that fill, the entity table grown once.
/// </summary>
public sealed partial class World
{
    // The archetype of entities made of one component, by component type id: found with an index, not a hash.
    private Archetype?[] _singleComponentArchetypes = [];

    /// <summary>
    /// Creates one entity per element of <paramref name="components"/>, each with that one component, and writes
    /// the handles into <paramref name="created"/> (same length) in the same order. The result is the same as
    /// calling <see cref="Create{T0}(in T0)"/> for each element in turn.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CreateMany<T0>(ReadOnlySpan<T0> components, Span<Entity> created)
    {
        if (created.Length != components.Length)
        {
            throw new ArgumentException($"{components.Length} components but room for {created.Length} handles.", nameof(created));
        }

        ThrowIfIterating(nameof(CreateMany));
        if (components.IsEmpty)
        {
            return;
        }

        var archetype = SingleComponentArchetype(ComponentTypeId<T0>.Value);
        var column = archetype.ColumnOf(ComponentTypeId<T0>.Value);
        _entities.EnsureCapacity(_entities.Capacity + components.Length);
        for (var i = 0; i < components.Length; i++)
        {
            var entity = _entities.Allocate();
            var (chunk, row) = archetype.Append(entity);
            ref var slot = ref _entities[entity.Id];
            slot.Archetype = archetype.Index + 1;
            slot.Chunk = chunk;
            slot.Row = row;
            archetype.ChunkList[chunk].GetRef<T0>(column, row) = components[i];
            created[i] = entity;
        }

        EntityCount += components.Length;
    }

    private Archetype SingleComponentArchetype(int typeId)
    {
        if (typeId < _singleComponentArchetypes.Length && _singleComponentArchetypes[typeId] is { } known)
        {
            return known;
        }

        if (typeId >= _singleComponentArchetypes.Length)
        {
            Array.Resize(ref _singleComponentArchetypes, Math.Max(typeId + 1, ComponentType.Count));
        }

        return _singleComponentArchetypes[typeId] = CreateArchetype(typeId, -1, -1);
    }
}
