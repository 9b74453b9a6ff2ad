using System.Runtime.CompilerServices;

namespace VmQuest.Engine.Ecs;

/// <summary>
/// A block of up to <see cref="Archetype.ChunkCapacity"/> entities of one archetype, with one array per
/// component type. Rows 0…<see cref="Count"/>−1 are live and packed: removing a row moves the archetype's
/// last row into the hole, so iteration never skips holes.
/// </summary>
public sealed class Chunk
{
    private readonly Archetype archetype;
    private Entity[] entities;
    private readonly Array[] columns;

    internal Chunk(Archetype archetype, int initialLength)
    {
        this.archetype = archetype;
        entities = new Entity[initialLength];
        columns = new Array[archetype.Types.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = archetype.Types[i].CreateArray(initialLength);
        }
    }

    /// <summary>The number of live rows.</summary>
    public int Count { get; internal set; }

    /// <summary>The archetype every entity in this chunk has.</summary>
    public Archetype Archetype => archetype;

    /// <summary>The live entities, row by row.</summary>
    public ReadOnlySpan<Entity> Entities => new(entities, 0, Count);

    /// <summary>True when the chunk's archetype includes <typeparamref name="T"/>.</summary>
    public bool Has<T>() => archetype.ColumnOf(ComponentTypeId<T>.Value) >= 0;

    /// <summary>
    /// The live rows of component <typeparamref name="T"/>, writable in place. Valid until the next structural
    /// change to the world. Throws <see cref="ComponentMismatchException"/> if the archetype lacks it.
    /// </summary>
    public Span<T> GetSpan<T>()
    {
        var column = archetype.ColumnOf(ComponentTypeId<T>.Value);
        if (column < 0)
        {
            throw new ComponentMismatchException($"Archetype {archetype.Signature} has no {typeof(T).Name} component.");
        }

        return new Span<T>(Unsafe.As<T[]>(columns[column]), 0, Count);
    }

    internal ref T GetRef<T>(int column, int row) => ref Unsafe.As<T[]>(columns[column])[row];

    internal Entity EntityAt(int row) => entities[row];

    internal Array Column(int column) => columns[column];

    /// <summary>Appends a row for <paramref name="entity"/> with default components; returns the row.</summary>
    internal int Append(Entity entity)
    {
        if (Count == entities.Length)
        {
            Grow();
        }

        entities[Count] = entity;
        return Count++;
    }

    /// <summary>Overwrites <paramref name="row"/> with the row at <paramref name="fromRow"/> of <paramref name="from"/>.</summary>
    internal void CopyRow(int row, Chunk from, int fromRow)
    {
        entities[row] = from.entities[fromRow];
        for (var i = 0; i < columns.Length; i++)
        {
            Array.Copy(from.columns[i], fromRow, columns[i], row, 1);
        }
    }

    /// <summary>Clears the last row (so the GC can reclaim what it referenced) and shrinks by one.</summary>
    internal void DropLast()
    {
        Count--;
        entities[Count] = default;
        for (var i = 0; i < columns.Length; i++)
        {
            if (archetype.Types[i].HoldsReferences)
            {
                Array.Clear(columns[i], Count, 1);
            }
        }
    }

    // Chunks start small and double up to the archetype's capacity, so an archetype with a handful of
    // entities does not hold a full chunk of memory.
    private void Grow()
    {
        var length = Math.Min(entities.Length * 2, archetype.ChunkCapacity);
        Array.Resize(ref entities, length);
        for (var i = 0; i < columns.Length; i++)
        {
            var grown = archetype.Types[i].CreateArray(length);
            Array.Copy(columns[i], grown, Count);
            columns[i] = grown;
        }
    }
}
