namespace VmQuest.Engine.Ecs;

/// <summary>
/// All entities that have exactly one set of component types, stored in chunks.
/// <para>
/// Why archetypes with chunks: systems iterate the same few component combinations every tick (frames,
/// PTEs, processes), and an archetype keeps each combination's components in dense arrays, so a query
/// is a handful of <see cref="Span{T}"/> loops with no per-entity lookup. Fixed-size chunks keep adds and
/// removes cheap (no copying of one giant array when it grows) and keep every array off the large-object
/// heap. Adding or removing a component moves one row between archetypes, which is the price paid.
/// </para>
/// Rows are packed: the archetype's entity order is chunk 0 rows 0…n, chunk 1, …; it depends only on the
/// sequence of operations, so iteration order is deterministic.
/// </summary>
public sealed class Archetype
{
    private const int TargetChunkBytes = 16 * 1024;
    private const int MinChunkCapacity = 128;
    private const int MaxChunkCapacity = 4096;
    private const int FirstChunkLength = 8;

    private readonly int[] _columnOfType;
    private readonly List<Chunk> _chunks = [];
    private readonly Dictionary<int, Archetype> _addEdges = [];
    private readonly Dictionary<int, Archetype> _removeEdges = [];

    internal Archetype(ComponentSet signature, int index, int? chunkCapacity = null)
    {
        Index = index;
        Signature = signature;
        var ids = signature.ToArray();
        Types = ids.Select(ComponentType.FromId).ToArray();
        _columnOfType = new int[ids.Length == 0 ? 0 : ids[^1] + 1];
        Array.Fill(_columnOfType, -1);
        var rowBytes = IntPtrSize;
        for (var i = 0; i < ids.Length; i++)
        {
            _columnOfType[ids[i]] = i;
            rowBytes += Types[i].Size;
        }

        ChunkCapacity = chunkCapacity ?? Math.Clamp(TargetChunkBytes / rowBytes, MinChunkCapacity, MaxChunkCapacity);
    }

    private static int IntPtrSize => sizeof(long);

    /// <summary>The archetype's position in its world's list (entity slots name it by this, not by reference).</summary>
    internal int Index { get; }

    /// <summary>The component types every entity here has, and no others.</summary>
    public ComponentSet Signature { get; }

    /// <summary>The component types in column order (ascending id).</summary>
    internal ComponentType[] Types { get; }

    /// <summary>The most rows one chunk holds; about 16 KiB of components per chunk (a block's: see <see cref="World.CreateBlock{T0, T1}"/>).</summary>
    public int ChunkCapacity { get; }

    /// <summary>The number of entities in this archetype.</summary>
    public int EntityCount { get; private set; }

    /// <summary>The chunks in iteration order; only the last one may be partly full.</summary>
    public IReadOnlyList<Chunk> Chunks => _chunks;

    internal List<Chunk> ChunkList => _chunks;

    /// <summary>The column holding component <paramref name="typeId"/>, or −1 when this archetype lacks it.</summary>
    internal int ColumnOf(int typeId) => typeId < _columnOfType.Length ? _columnOfType[typeId] : -1;

    internal Archetype? CachedAdd(int typeId) => _addEdges.GetValueOrDefault(typeId);

    internal Archetype? CachedRemove(int typeId) => _removeEdges.GetValueOrDefault(typeId);

    internal void CacheEdges(int typeId, Archetype withType)
    {
        _addEdges[typeId] = withType;
        withType._removeEdges[typeId] = this;
    }

    /// <summary>Places <paramref name="entity"/> in a new last row; returns its chunk index and row.</summary>
    internal (int Chunk, int Row) Append(Entity entity)
    {
        if (_chunks.Count == 0 || _chunks[^1].Count == ChunkCapacity)
        {
            var length = _chunks.Count == 0 ? Math.Min(FirstChunkLength, ChunkCapacity) : ChunkCapacity;
            _chunks.Add(new Chunk(this, length));
        }

        var row = _chunks[^1].Append(entity);
        EntityCount++;
        return (_chunks.Count - 1, row);
    }

    /// <summary>Appends full chunks of block members with ids <paramref name="firstId"/>…; the archetype must be empty.</summary>
    internal void AppendMembers(int firstId, int count)
    {
        if (EntityCount != 0)
        {
            throw new InvalidOperationException("block members go only into an empty archetype");
        }

        for (var done = 0; done < count; done += ChunkCapacity)
        {
            var rows = Math.Min(ChunkCapacity, count - done);
            _chunks.Add(new Chunk(this, firstId + done, rows));
            EntityCount += rows;
        }
    }

    /// <summary>
    /// Removes the row at (<paramref name="chunk"/>, <paramref name="row"/>) by moving the archetype's last
    /// row into it. Returns the entity that moved (or <see cref="Entity.Null"/> when the removed row was last).
    /// </summary>
    internal Entity RemoveRow(int chunk, int row)
    {
        var lastChunk = _chunks[^1];
        var lastRow = lastChunk.Count - 1;
        var moved = Entity.Null;
        if (chunk != _chunks.Count - 1 || row != lastRow)
        {
            _chunks[chunk].CopyRow(row, lastChunk, lastRow);
            moved = lastChunk.EntityAt(lastRow);
        }

        lastChunk.DropLast();
        if (lastChunk.Count == 0)
        {
            _chunks.RemoveAt(_chunks.Count - 1);
        }

        EntityCount--;
        return moved;
    }

    /// <inheritdoc />
    public override string ToString() => $"Archetype{Signature} ({EntityCount} entities)";
}
