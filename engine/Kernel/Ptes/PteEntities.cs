using System.Numerics;
using System.Runtime.CompilerServices;
using VmQuest.Engine.Ecs;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel.Ptes;

/// <summary>
/// The kernel's PTE entities (<see cref="PteLocation"/>) and their index by the raw entry's physical address:
/// one array of handles per frame that holds leaf entries, allocated when the frame's first entry gets an entity
/// and found through a directory of frame groups (a 4M-frame machine must not pay 8 bytes per frame up front),
/// so a slot finds its entity with three array reads. A slot has an entity exactly when its raw entry is non-zero
/// (present, or a swap entry: Linux's <c>!pte_none</c>).
/// <para>
/// Only the kernel's PTE writers call in (one place: <c>KernelCore.WriteLeafEntry</c>, plus fork's table copy);
/// translation never does, so a TLB hit or a walk touches no entity. A present entry turning into a swap entry
/// or back, or changing frame or flags, keeps its entity: only the slot's emptiness is tracked.
/// </para>
/// </summary>
public sealed class PteEntities
{
    private readonly World _world;
    private const int GroupShift = 6;
    private const ulong GroupMask = (1UL << GroupShift) - 1;
    private readonly Entity[]?[]?[] _tableGroups;
    private readonly Stack<Entity[]> _spareTables = new();
    private readonly int _pageShift;
    private readonly ulong _pageOffsetMask;
    private readonly int _entryShift;
    private readonly int _entriesPerFrame;
    private readonly int _leafLevel;
    private readonly PteLocation[] _copiedLocations;
    private readonly Entity[] _copiedEntities;
    private readonly int[] _copiedIndexes;

    /// <summary>Creates the (empty) index for <paramref name="machine"/>; entities live in <paramref name="world"/>.</summary>
    public PteEntities(World world, MachineDescription machine)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(machine);
        _world = world;
        _tableGroups = new Entity[]?[]?[(machine.FrameCount >> GroupShift) + 1];
        _pageShift = machine.PageShift;
        _pageOffsetMask = machine.PageSize - 1;
        var width = machine.Pte.WidthBytes;
        if (!BitOperations.IsPow2(width))
        {
            throw new ArgumentException($"a {width}-byte entry does not divide a page evenly", nameof(machine));
        }

        _entryShift = BitOperations.Log2((uint)width);
        _entriesPerFrame = Math.Max(1, (int)(machine.PageSize >> _entryShift));
        _leafLevel = machine.Levels.Count - 1;
        _copiedLocations = new PteLocation[_entriesPerFrame];
        _copiedEntities = new Entity[_entriesPerFrame];
        _copiedIndexes = new int[_entriesPerFrame];
    }

    /// <summary>The PTE entity of the raw entry at physical address <paramref name="slot"/>, or <see cref="Entity.Null"/>.</summary>
    public Entity At(ulong slot)
    {
        var table = TableAt(slot >> _pageShift);
        return table is null ? Entity.Null : table[IndexIn(slot)];
    }

    /// <summary>
    /// Keeps the slot's entity in step with the entry just written there: created when the slot became non-zero,
    /// destroyed when it was cleared, left alone otherwise.
    /// </summary>
    internal void Written(int pid, ulong slot, ulong va, ulong entry)
    {
        if (entry == 0)
        {
            Cleared(slot);
        }
        else
        {
            Filled(pid, slot, va);
        }
    }

    /// <summary>The entry at <paramref name="slot"/> now maps <paramref name="va"/>: it gets an entity if it had none.</summary>
    internal void Filled(int pid, ulong slot, ulong va)
    {
        ref var cell = ref TableFor(slot >> _pageShift)[IndexIn(slot)];
        if (cell.IsNull)
        {
            cell = _world.Create(new PteLocation { EntryAddress = slot, VirtualPage = va & ~_pageOffsetMask, Pid = pid, Level = _leafLevel });
        }
    }

    /// <summary>The entry at <paramref name="slot"/> is now zero: its entity, if any, is destroyed.</summary>
    internal void Cleared(ulong slot)
    {
        if (TableAt(slot >> _pageShift) is { } table && table[IndexIn(slot)] is { IsNull: false } held)
        {
            _world.Destroy(held);
            table[IndexIn(slot)] = Entity.Null;
        }
    }

    /// <summary>
    /// fork's bulk path: <paramref name="entries"/> are the first entries of the freshly filled leaf table at
    /// <paramref name="tableAddress"/> (the table was empty before), whose first page is <paramref name="firstPage"/>.
    /// Creates an entity for each non-zero one in one batch.
    /// </summary>
    // Fully optimised from its first call: tiered compilation can leave this loop at tier 0 through the one big fork
    // that matters (it runs a few times per fork, hundreds of entries each).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void TableCopied(int pid, ulong tableAddress, ulong firstPage, ReadOnlySpan<ulong> entries)
    {
        var count = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i] == 0)
            {
                continue;
            }

            _copiedIndexes[count] = i;
            _copiedLocations[count++] = new PteLocation
            {
                EntryAddress = tableAddress + ((ulong)i << _entryShift),
                VirtualPage = firstPage + ((ulong)i << _pageShift),
                Pid = pid,
                Level = _leafLevel,
            };
        }

        if (count == 0)
        {
            return;
        }

        _world.CreateMany<PteLocation>(_copiedLocations.AsSpan(0, count), _copiedEntities.AsSpan(0, count));
        var table = TableFor(tableAddress >> _pageShift);
        var first = IndexIn(tableAddress);
        for (var k = 0; k < count; k++)
        {
            table[first + _copiedIndexes[k]] = _copiedEntities[k];
        }
    }

    /// <summary>
    /// The page-table frame <paramref name="tableFrame"/> is being freed: its handle array goes back to the pool
    /// for the next leaf table. Entries still non-zero lose their entities (a table is freed only after its
    /// leaves are cleared, so normally there are none).
    /// </summary>
    internal void TableFreed(ulong tableFrame)
    {
        if (TableAt(tableFrame) is not { } table)
        {
            return;
        }

        for (var i = 0; i < table.Length; i++)
        {
            if (!table[i].IsNull)
            {
                _world.Destroy(table[i]);
                table[i] = Entity.Null;
            }
        }

        _tableGroups[tableFrame >> GroupShift]![tableFrame & GroupMask] = null;
        _spareTables.Push(table);
    }

    private int IndexIn(ulong slot) => (int)((slot & _pageOffsetMask) >> _entryShift);

    private Entity[]? TableAt(ulong frame) => _tableGroups[frame >> GroupShift]?[frame & GroupMask];

    // Pinned: a table of handles lives as long as its page table; the collector never copies it between generations.
    private Entity[] NewTable() => GC.AllocateArray<Entity>(_entriesPerFrame, pinned: true);

    private Entity[] TableFor(ulong frame)
    {
        var group = _tableGroups[frame >> GroupShift] ??= new Entity[]?[1 << GroupShift];
        return group[frame & GroupMask] ??= _spareTables.Count > 0 ? _spareTables.Pop() : NewTable();
    }
}
