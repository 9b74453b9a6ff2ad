namespace VmQuest.Engine.Ecs;

/// <summary>
/// The archetypes that match one <see cref="QueryDescription"/>, kept up to date as new archetypes
/// appear. Enumerating it yields chunks in archetype-creation order, then chunk order; while an
/// enumeration is open the world rejects structural changes. Obtain it from <see cref="World.Query(QueryDescription)"/>.
/// </summary>
public sealed class Query
{
    private readonly World world;
    private readonly List<Archetype> matched = [];
    private int archetypesSeen;

    internal Query(World world, QueryDescription description)
    {
        this.world = world;
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
            return matched;
        }
    }

    /// <summary>The number of entities that match now.</summary>
    public int Count
    {
        get
        {
            Refresh();
            var count = 0;
            foreach (var archetype in matched)
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
        return new ChunkEnumerator(world, matched);
    }

    // Archetypes are only ever appended to the world's list, so only the new tail needs matching.
    private void Refresh()
    {
        var all = world.Archetypes;
        for (; archetypesSeen < all.Count; archetypesSeen++)
        {
            if (Description.Matches(all[archetypesSeen].Signature))
            {
                matched.Add(all[archetypesSeen]);
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
    private readonly World world;
    private readonly List<Archetype> archetypes;
    private int archetypeIndex;
    private int chunkIndex;
    private bool disposed;

    internal ChunkEnumerator(World world, List<Archetype> archetypes)
    {
        this.world = world;
        this.archetypes = archetypes;
        archetypeIndex = 0;
        chunkIndex = -1;
        disposed = false;
        Current = null!;
        world.EnterIteration();
    }

    /// <summary>The current chunk.</summary>
    public Chunk Current { get; private set; }

    /// <summary>Advances to the next non-empty chunk.</summary>
    public bool MoveNext()
    {
        while (archetypeIndex < archetypes.Count)
        {
            var chunks = archetypes[archetypeIndex].ChunkList;
            if (++chunkIndex < chunks.Count)
            {
                Current = chunks[chunkIndex];
                return true;
            }

            archetypeIndex++;
            chunkIndex = -1;
        }

        return false;
    }

    /// <summary>Releases the world's iteration guard; safe to call twice.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            world.ExitIteration();
        }
    }
}
