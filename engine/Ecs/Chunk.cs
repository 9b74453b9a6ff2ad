using System.Runtime.CompilerServices;

namespace VmQuest.Engine.Ecs;

/// <summary>
/// A block of up to <see cref="Archetype.ChunkCapacity"/> entities of one archetype, with one array per
/// component type. Rows 0…<see cref="Count"/>−1 are live and packed: removing a row moves the archetype's
/// last row into the hole, so iteration never skips holes.
/// </summary>
public sealed class Chunk
{
    private readonly Archetype _archetype;
    private Entity[]? _entities;
    private readonly Array[] _columns;

    // A block's chunk (see EntityBlock) holds members with consecutive ids from here, so it keeps no entity
    // array until someone asks for its entities: a million frames do not pay 8 bytes each for handles no one reads.
    private readonly int _firstMemberId = -1;

    internal Chunk(Archetype archetype, int initialLength)
    {
        _archetype = archetype;
        _entities = new Entity[initialLength];
        _columns = new Array[archetype.Types.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = archetype.Types[i].CreateArray(initialLength);
        }
    }

    /// <summary>A full chunk of block members with ids <paramref name="firstMemberId"/>… (never appended to or shrunk).</summary>
    internal Chunk(Archetype archetype, int firstMemberId, int rows)
    {
        _archetype = archetype;
        _firstMemberId = firstMemberId;
        _columns = new Array[archetype.Types.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = archetype.Types[i].CreateArray(rows);
        }

        Count = rows;
    }

    /// <summary>The number of live rows.</summary>
    public int Count { get; internal set; }

    /// <summary>The archetype every entity in this chunk has.</summary>
    public Archetype Archetype => _archetype;

    /// <summary>The live entities, row by row.</summary>
    public ReadOnlySpan<Entity> Entities => new(_entities ?? MaterializeMembers(), 0, Count);

    /// <summary>True when the chunk's archetype includes <typeparamref name="T"/>.</summary>
    public bool Has<T>() => _archetype.ColumnOf(ComponentTypeId<T>.Value) >= 0;

    /// <summary>
    /// The live rows of component <typeparamref name="T"/>, writable in place. Valid until the next structural
    /// change to the world. Throws <see cref="ComponentMismatchException"/> if the archetype lacks it.
    /// </summary>
    public Span<T> GetSpan<T>()
    {
        var column = _archetype.ColumnOf(ComponentTypeId<T>.Value);
        if (column < 0)
        {
            throw new ComponentMismatchException($"Archetype {_archetype.Signature} has no {typeof(T).Name} component.");
        }

        return new Span<T>(Unsafe.As<T[]>(_columns[column]), 0, Count);
    }

    internal ref T GetRef<T>(int column, int row) => ref Unsafe.As<T[]>(_columns[column])[row];

    internal Entity EntityAt(int row) => _entities is { } entities ? entities[row] : new Entity(_firstMemberId + row, EntityBlock.MemberVersion);

    internal Array Column(int column) => _columns[column];

    /// <summary>Appends a row for <paramref name="entity"/> with default components; returns the row.</summary>
    internal int Append(Entity entity)
    {
        if (_firstMemberId >= 0 || _entities is null)
        {
            throw new InvalidOperationException("a block's chunk is full and fixed; nothing is appended to it");
        }

        if (Count == _entities.Length)
        {
            Grow();
        }

        _entities[Count] = entity;
        return Count++;
    }

    /// <summary>Overwrites <paramref name="row"/> with the row at <paramref name="fromRow"/> of <paramref name="from"/>.</summary>
    internal void CopyRow(int row, Chunk from, int fromRow)
    {
        _entities![row] = from.EntityAt(fromRow);
        for (var i = 0; i < _columns.Length; i++)
        {
            Array.Copy(from._columns[i], fromRow, _columns[i], row, 1);
        }
    }

    /// <summary>Clears the last row (so the GC can reclaim what it referenced) and shrinks by one.</summary>
    internal void DropLast()
    {
        Count--;
        _entities![Count] = default;
        for (var i = 0; i < _columns.Length; i++)
        {
            if (_archetype.Types[i].HoldsReferences)
            {
                Array.Clear(_columns[i], Count, 1);
            }
        }
    }

    private Entity[] MaterializeMembers()
    {
        var entities = new Entity[Count];
        for (var row = 0; row < entities.Length; row++)
        {
            entities[row] = new Entity(_firstMemberId + row, EntityBlock.MemberVersion);
        }

        _entities = entities;
        return entities;
    }

    // Chunks start small and double up to the archetype's capacity, so an archetype with a handful of
    // entities does not hold a full chunk of memory.
    private void Grow()
    {
        var length = Math.Min(_entities!.Length * 2, _archetype.ChunkCapacity);
        Array.Resize(ref _entities, length);
        for (var i = 0; i < _columns.Length; i++)
        {
            var grown = _archetype.Types[i].CreateArray(length);
            Array.Copy(_columns[i], grown, Count);
            _columns[i] = grown;
        }
    }
}
