namespace VmQuest.Engine.Ecs;

/// <summary>
/// The archetypes that match one <see cref="QueryDescription"/>, kept up to date as new archetypes
/// appear. Enumerating it yields chunks in archetype-creation order, then chunk order; while an
/// enumeration is open the world rejects structural changes. Obtain it from <see cref="World.Query(QueryDescription)"/>.
/// </summary>
public sealed class Query
{
    private readonly World _world;
    private readonly List<Archetype> _matched = [];
    private int _archetypesSeen;

    internal Query(World world, QueryDescription description)
    {
        _world = world;
        Description = description;
    }

    /// <summary>The description this query answers.</summary>
    public QueryDescription Description { get; }

    /// <summary>The matching archetypes, in the world's creation order.</summary>
    public IReadOnlyList<Archetype> Archetypes
    {
        get
        {
            Refresh();
            return _matched;
        }
    }

    /// <summary>The number of entities that match now.</summary>
    public int Count
    {
        get
        {
            Refresh();
            var count = 0;
            foreach (var archetype in _matched)
            {
                count += archetype.EntityCount;
            }

            return count;
        }
    }

    /// <summary>Starts a chunk enumeration; structural changes throw until it is disposed.</summary>
    public ChunkEnumerator GetEnumerator()
    {
        Refresh();
        return new ChunkEnumerator(_world, _matched);
    }

    // Archetypes are only ever appended to the world's list, so only the new tail needs matching.
    private void Refresh()
    {
        var all = _world.Archetypes;
        for (; _archetypesSeen < all.Count; _archetypesSeen++)
        {
            if (Description.Matches(all[_archetypesSeen].Signature))
            {
                _matched.Add(all[_archetypesSeen]);
            }
        }
    }
}

/// <summary>
/// Walks the non-empty chunks of a query's archetypes. A struct so <c>foreach</c> allocates nothing;
/// holds the world's iteration guard from creation until <see cref="Dispose"/> (which <c>foreach</c> calls).
/// </summary>
public struct ChunkEnumerator : IDisposable
{
    private readonly World _world;
    private readonly List<Archetype> _archetypes;
    private int _archetypeIndex;
    private int _chunkIndex;
    private bool _disposed;

    internal ChunkEnumerator(World world, List<Archetype> archetypes)
    {
        _world = world;
        _archetypes = archetypes;
        _archetypeIndex = 0;
        _chunkIndex = -1;
        _disposed = false;
        Current = null!;
        world.EnterIteration();
    }

    /// <summary>The current chunk.</summary>
    public Chunk Current { get; private set; }

    /// <summary>Advances to the next non-empty chunk.</summary>
    public bool MoveNext()
    {
        while (_archetypeIndex < _archetypes.Count)
        {
            var chunks = _archetypes[_archetypeIndex].ChunkList;
            if (++_chunkIndex < chunks.Count)
            {
                Current = chunks[_chunkIndex];
                return true;
            }

            _archetypeIndex++;
            _chunkIndex = -1;
        }

        return false;
    }

    /// <summary>Releases the world's iteration guard; safe to call twice.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _world.ExitIteration();
        }
    }
}
