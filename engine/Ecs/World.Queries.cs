using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VmQuest.Engine.Ecs;

/// <summary>Query entry points: cached queries, counting, and per-entity iteration.</summary>
public sealed partial class World
{
    private readonly Dictionary<QueryDescription, Query> _queries = [];

    /// <summary>The cached query for <paramref name="description"/> (one per distinct description).</summary>
    public Query Query(QueryDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (!_queries.TryGetValue(description, out var query))
        {
            query = new Query(this, description);
            _queries.Add(description, query);
        }

        return query;
    }

    /// <summary>The number of live entities matching <paramref name="description"/>.</summary>
    public int CountEntities(QueryDescription description) => Query(description).Count;

    /// <summary>Appends the matching entities to <paramref name="into"/> in iteration order.</summary>
    public void GetEntities(QueryDescription description, List<Entity> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        foreach (var chunk in Query(description))
        {
            foreach (var entity in chunk.Entities)
            {
                into.Add(entity);
            }
        }
    }

    /// <summary>Calls <paramref name="action"/> for each matching entity. Structural changes inside throw.</summary>
    public void Query<T0>(QueryDescription description, ForEach<T0> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var chunk in Query(description))
        {
            var s0 = chunk.GetSpan<T0>();
            for (var i = 0; i < s0.Length; i++)
            {
                action(ref s0[i]);
            }
        }
    }

    /// <summary>Calls <paramref name="action"/> for each matching entity. Structural changes inside throw.</summary>
    public void Query<T0, T1>(QueryDescription description, ForEach<T0, T1> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var chunk in Query(description))
        {
            var s0 = chunk.GetSpan<T0>();
            var s1 = chunk.GetSpan<T1>();
            for (var i = 0; i < s0.Length; i++)
            {
                action(ref s0[i], ref s1[i]);
            }
        }
    }

    /// <summary>Calls <paramref name="action"/> for each matching entity. Structural changes inside throw.</summary>
    public void Query<T0, T1, T2>(QueryDescription description, ForEach<T0, T1, T2> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var chunk in Query(description))
        {
            var s0 = chunk.GetSpan<T0>();
            var s1 = chunk.GetSpan<T1>();
            var s2 = chunk.GetSpan<T2>();
            for (var i = 0; i < s0.Length; i++)
            {
                action(ref s0[i], ref s1[i], ref s2[i]);
            }
        }
    }

    /// <summary>Calls <paramref name="action"/> with each matching entity's handle and component.</summary>
    public void Query<T0>(QueryDescription description, ForEachWithEntity<T0> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var chunk in Query(description))
        {
            var entities = chunk.Entities;
            var s0 = chunk.GetSpan<T0>();
            for (var i = 0; i < s0.Length; i++)
            {
                action(entities[i], ref s0[i]);
            }
        }
    }

    /// <summary>Calls <paramref name="action"/> with each matching entity's handle and components.</summary>
    public void Query<T0, T1>(QueryDescription description, ForEachWithEntity<T0, T1> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var chunk in Query(description))
        {
            var entities = chunk.Entities;
            var s0 = chunk.GetSpan<T0>();
            var s1 = chunk.GetSpan<T1>();
            for (var i = 0; i < s0.Length; i++)
            {
                action(entities[i], ref s0[i], ref s1[i]);
            }
        }
    }

    /// <summary>The fast path: <paramref name="forEach"/> is a struct, so its Update is inlined per element.</summary>
    public void InlineQuery<TForEach, T0>(QueryDescription description, ref TForEach forEach)
        where TForEach : struct, IForEach<T0>
    {
        foreach (var chunk in Query(description))
        {
            ref var r0 = ref MemoryMarshal.GetReference(chunk.GetSpan<T0>());
            for (nint i = 0, n = chunk.Count; i < n; i++)
            {
                forEach.Update(ref Unsafe.Add(ref r0, i));
            }
        }
    }

    /// <summary>The fast path over two components; see <see cref="InlineQuery{TForEach, T0}"/>.</summary>
    public void InlineQuery<TForEach, T0, T1>(QueryDescription description, ref TForEach forEach)
        where TForEach : struct, IForEach<T0, T1>
    {
        foreach (var chunk in Query(description))
        {
            ref var r0 = ref MemoryMarshal.GetReference(chunk.GetSpan<T0>());
            ref var r1 = ref MemoryMarshal.GetReference(chunk.GetSpan<T1>());
            for (nint i = 0, n = chunk.Count; i < n; i++)
            {
                forEach.Update(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i));
            }
        }
    }

    /// <summary>The fast path over three components; see <see cref="InlineQuery{TForEach, T0}"/>.</summary>
    public void InlineQuery<TForEach, T0, T1, T2>(QueryDescription description, ref TForEach forEach)
        where TForEach : struct, IForEach<T0, T1, T2>
    {
        foreach (var chunk in Query(description))
        {
            ref var r0 = ref MemoryMarshal.GetReference(chunk.GetSpan<T0>());
            ref var r1 = ref MemoryMarshal.GetReference(chunk.GetSpan<T1>());
            ref var r2 = ref MemoryMarshal.GetReference(chunk.GetSpan<T2>());
            for (nint i = 0, n = chunk.Count; i < n; i++)
            {
                forEach.Update(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i));
            }
        }
    }

    /// <summary>The fast path with entity handles; see <see cref="InlineQuery{TForEach, T0}"/>.</summary>
    public void InlineEntityQuery<TForEach, T0>(QueryDescription description, ref TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0>
    {
        foreach (var chunk in Query(description))
        {
            var entities = chunk.Entities;
            ref var r0 = ref MemoryMarshal.GetReference(chunk.GetSpan<T0>());
            for (var i = 0; i < entities.Length; i++)
            {
                forEach.Update(entities[i], ref Unsafe.Add(ref r0, i));
            }
        }
    }

    /// <summary>The fast path with entity handles over two components.</summary>
    public void InlineEntityQuery<TForEach, T0, T1>(QueryDescription description, ref TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0, T1>
    {
        foreach (var chunk in Query(description))
        {
            var entities = chunk.Entities;
            ref var r0 = ref MemoryMarshal.GetReference(chunk.GetSpan<T0>());
            ref var r1 = ref MemoryMarshal.GetReference(chunk.GetSpan<T1>());
            for (var i = 0; i < entities.Length; i++)
            {
                forEach.Update(entities[i], ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i));
            }
        }
    }

    internal void EnterIteration() => _iterating++;

    internal void ExitIteration() => _iterating--;
}
