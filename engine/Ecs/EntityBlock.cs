namespace VmQuest.Engine.Ecs;

/// <summary>
/// A fixed run of entities made together by <see cref="World.CreateBlock{T0, T1}"/> — one per physical frame,
/// say — that are never destroyed and never change archetype. Member <c>i</c> is
/// <see cref="EntityAt"/>(<c>i</c>) and sits in chunk <c>i &gt;&gt; </c><see cref="ChunkShift"/>, row
/// <c>i &amp; </c><see cref="RowMask"/> of <see cref="Archetype"/>: the block's chunks all have the same
/// power-of-two capacity, so index ↔ entity ↔ row is arithmetic, with no lookup table.
/// <para>
/// Why a block, not <see cref="World.Create{T0, T1}"/> a million times: an ordinary entity keeps a location
/// slot in the world's entity table (24 bytes) so it can move between archetypes, and its handle in its chunk
/// (8 bytes); a member cannot move, so its location is computed, the table holds nothing for it, and its chunk
/// makes the handles only when they are first asked for. Its handle's version is always 1.
/// </para>
/// </summary>
public sealed class EntityBlock
{
    internal EntityBlock(Archetype archetype, int firstId, int count)
    {
        Archetype = archetype;
        FirstId = firstId;
        Count = count;
        ChunkShift = System.Numerics.BitOperations.Log2((uint)archetype.ChunkCapacity);
        RowMask = archetype.ChunkCapacity - 1;
    }

    /// <summary>The archetype holding the block, and nothing else.</summary>
    public Archetype Archetype { get; }

    /// <summary>The id of member 0; member <c>i</c> has id <see cref="FirstId"/> + <c>i</c>.</summary>
    public int FirstId { get; }

    /// <summary>The number of members.</summary>
    public int Count { get; }

    /// <summary>log2 of the chunk capacity: member <c>i</c> is in chunk <c>i &gt;&gt; ChunkShift</c>.</summary>
    public int ChunkShift { get; }

    /// <summary>The chunk capacity less one: member <c>i</c> is at row <c>i &amp; RowMask</c> of its chunk.</summary>
    public int RowMask { get; }

    /// <summary>The handle of member <paramref name="index"/>.</summary>
    public Entity EntityAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return new Entity(FirstId + index, MemberVersion);
    }

    /// <summary>The member index of <paramref name="entity"/>, or −1 when it is not a member.</summary>
    public int IndexOf(Entity entity)
    {
        var index = entity.Id - FirstId;
        return entity.Version == MemberVersion && index >= 0 && index < Count ? index : -1;
    }

    /// <summary>
    /// The block's <typeparamref name="T"/> column, one array per chunk (index by <c>i &gt;&gt; ChunkShift</c>,
    /// then <c>i &amp; RowMask</c>): a member's component is two array reads away. The arrays stay valid for
    /// the world's lifetime, since members never move. Throws <see cref="ComponentMismatchException"/> when the
    /// block has no <typeparamref name="T"/>.
    /// </summary>
    public T[][] ColumnsOf<T>()
    {
        var column = Archetype.ColumnOf(ComponentTypeId<T>.Value);
        if (column < 0)
        {
            throw new ComponentMismatchException($"Archetype {Archetype.Signature} has no {typeof(T).Name} component.");
        }

        var chunks = Archetype.ChunkList;
        var columns = new T[chunks.Count][];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = (T[])chunks[c].Column(column);
        }

        return columns;
    }

    /// <summary>Every member handle has this version: members are never destroyed, so their ids are never reused.</summary>
    internal const int MemberVersion = 1;
}
