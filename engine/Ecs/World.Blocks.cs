namespace VmQuest.Engine.Ecs;

/// <summary>Blocks: fixed runs of entities that never move (see <see cref="EntityBlock"/>).</summary>
public sealed partial class World
{
    // Block members and derived entities take ids from here up, apart from the entity table's ids (which count up
    // from 0, and would need 67 million live entities to reach it: the kernel's stored entities are processes and
    // VMAs), so the table needs no slot for them. Low enough to leave 2 billion ids for frames and PTEs.
    internal const int FirstBlockId = 1 << 26;

    // A block's rows per chunk: a power of two, so a member's row is a shift and a mask away (see EntityBlock), and
    // large, so its columns are allocated once on the large-object heap instead of as thousands of small arrays the
    // collector would copy up through its generations. Ordinary chunks stay small because they are made and dropped
    // as entities come and go; a block's never are.
    private const int BlockChunkCapacity = 1 << 14;

    private readonly List<EntityBlock> _blocks = [];
    private int _nextBlockId = FirstBlockId;

    // What SlotOf hands back for a block member: its location, computed. Read at once by the caller, and only
    // by the operations that do not move an entity (the others refuse members first).
    private EntitySlot _blockSlot;

    /// <summary>The blocks in creation order.</summary>
    public IReadOnlyList<EntityBlock> Blocks => _blocks;

    /// <summary>
    /// Creates <paramref name="count"/> entities with components <typeparamref name="T0"/> and
    /// <typeparamref name="T1"/> (default values) in a new archetype of their own whose chunks have a
    /// power-of-two capacity (16384 rows; the last chunk only as long as the rows it holds). Members can be read,
    /// written and queried like any entity; destroying them or adding or removing components throws.
    /// </summary>
    public EntityBlock CreateBlock<T0, T1>(int count) =>
        CreateBlock(count, ComponentSet.Of(ComponentTypeId<T0>.Value, ComponentTypeId<T1>.Value), 2);

    /// <summary>As <see cref="CreateBlock{T0, T1}"/>, with three components.</summary>
    public EntityBlock CreateBlock<T0, T1, T2>(int count) =>
        CreateBlock(count, ComponentSet.Of(ComponentTypeId<T0>.Value, ComponentTypeId<T1>.Value, ComponentTypeId<T2>.Value), 3);

    private EntityBlock CreateBlock(int count, ComponentSet signature, int types)
    {
        ThrowIfIterating(nameof(CreateBlock));
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > int.MaxValue - _nextBlockId)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "the world has no ids left for a block this large");
        }

        var archetype = new Archetype(signature, _archetypes.Count, BlockChunkCapacity);
        if (archetype.Types.Length != types)
        {
            throw new ArgumentException("CreateBlock was given the same component type more than once.");
        }

        // Not entered in the signature map: ordinary entities with the same components get an archetype of their
        // own, so nothing ever removes a row from the block's chunks.
        _archetypes.Add(archetype);
        var block = new EntityBlock(archetype, _nextBlockId, count);
        archetype.AppendMembers(block.FirstId, count);
        _nextBlockId += count;
        EntityCount += count;
        _blocks.Add(block);
        return block;
    }

    private bool IsBlockMember(Entity entity) => entity.Id >= FirstBlockId && BlockOf(entity) is not null;

    private EntityBlock? BlockOf(Entity entity)
    {
        foreach (var block in _blocks)
        {
            if (block.IndexOf(entity) >= 0)
            {
                return block;
            }
        }

        return null;
    }

    // The slot of an entity the entity table does not know: a block member's computed location, or stale.
    private ref EntitySlot BlockSlotOf(Entity entity)
    {
        var block = entity.Id >= FirstBlockId ? BlockOf(entity) : null;
        if (block is null)
        {
            throw IsLiveDerived(entity) ? DerivedIsReadOnly(entity, "a structural change or write") : new StaleEntityException(entity);
        }

        var index = block.IndexOf(entity);
        _blockSlot.Version = EntityBlock.MemberVersion;
        _blockSlot.Archetype = block.Archetype.Index + 1;
        _blockSlot.Chunk = index >> block.ChunkShift;
        _blockSlot.Row = index & block.RowMask;
        return ref _blockSlot;
    }

    private void ThrowIfBlockMember(Entity entity, string operation)
    {
        if (IsBlockMember(entity))
        {
            throw new InvalidOperationException($"{operation} would move {entity}, a member of a block; block members never move or die.");
        }
    }
}
