using System.Numerics;
using VmQuest.Engine.Ecs;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Memory;

namespace VmQuest.Engine.Kernel.Ptes;

/// <summary>
/// The kernel's PTE entities, derived from the page tables (<see cref="IDerivedEntities"/>): every leaf table that
/// has held an entry gets a run of ids, one per entry, and the entity of entry <c>i</c> is live exactly while its
/// raw entry is non-zero (present, or a swap entry: Linux's <c>!pte_none</c>). Its <see cref="PteLocation"/>
/// follows from the table's record (its frame, the first page it translates, its owner, its level) and
/// <c>i</c>, so a fault, an eviction or a fork makes no entity and stores nothing per page: the raw entries in
/// simulated memory, the hardware's truth the walker reads, are the only copy. A transparent huge page is one
/// entity at the PMD level: a PMD table that has held a huge leaf gets a record of its own
/// (<see cref="FilledHuge"/>), and there only entries with PS set are live (the others point to tables).
/// <para>
/// A table's record is made when the kernel first writes a leaf into it (<see cref="Filled"/>, one place:
/// <c>KernelCore.WriteLeafEntry</c>, plus <c>TryMapPage</c> and fork's table copy) and dropped when the table's
/// frame is freed; its ids then go to the next table with a new version, so old handles go stale. Translation
/// never calls in: a TLB hit or a walk touches no entity.
/// </para>
/// </summary>
public sealed class PteEntities : IDerivedEntities
{
    // Where the ids of one table start: its run is [first + (slot << _entryBits), first + ((slot + 1) << _entryBits)).
    private struct LeafTable
    {
        public ulong Frame;
        public ulong FirstPage;
        public int Pid;
        public int Level;
        public int Version;   // the version of this table's entities; the slot's next table gets the next one
        public bool Held;     // false once the table's frame is freed
    }

    private const int GroupShift = 6;
    private const ulong GroupMask = (1UL << GroupShift) - 1;
    private static readonly ComponentType[] Components = [ComponentType.Of<PteLocation>()];

    private readonly PhysicalMemory _memory;
    private readonly PteLayout _pte;
    private readonly int _width;
    private readonly int _pageShift;
    private readonly int _entryShift;
    private readonly int _entryBits;
    private readonly int _leafLevel;
    private readonly int _leafCoverageShift;
    private readonly int _firstId;
    private readonly int _maxTables;

    // Table slot + 1 of each frame holding a registered table, by groups of 64 frames (a 4M-frame machine must not
    // pay 4 bytes per frame up front); 0 when none.
    private readonly int[]?[] _slotOfFrame;
    private LeafTable[] _tables = new LeafTable[64];
    private int _tableCount;
    private readonly Stack<int> _freeSlots = new();

    /// <summary>Reserves the ids of the PTE entities of <paramref name="machine"/> (memory <paramref name="memory"/>) in <paramref name="world"/>.</summary>
    public PteEntities(World world, MachineDescription machine, PhysicalMemory memory)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(memory);
        _memory = memory;
        _pte = machine.Pte;
        _width = machine.Pte.WidthBytes;
        if (!BitOperations.IsPow2(_width) || (ulong)_width > machine.PageSize)
        {
            throw new ArgumentException($"a {_width}-byte entry does not divide a page evenly", nameof(machine));
        }

        _pageShift = machine.PageShift;
        _entryShift = BitOperations.Log2((uint)_width);
        _entryBits = _pageShift - _entryShift;
        _leafLevel = machine.Levels.Count - 1;
        _leafCoverageShift = _pageShift + _entryBits;
        _slotOfFrame = new int[]?[(machine.FrameCount >> GroupShift) + 1];

        // Every leaf table is a frame, so there are never more tables than frames; the ids may run out first on
        // a machine of more than 16 GiB, where each table beyond ~4 million would need 2 KiB of ids.
        _maxTables = (int)Math.Min(machine.FrameCount, (ulong)(world.IdsLeft >> _entryBits) / 2);
        _firstId = world.AddDerived(_maxTables << _entryBits, this);
    }

    /// <summary>The component every PTE entity has.</summary>
    public IReadOnlyList<ComponentType> ComponentTypes => Components;

    /// <summary>The PTE entity of the raw entry at physical address <paramref name="entryAddress"/>, or <see cref="Entity.Null"/> when it is zero.</summary>
    public Entity At(ulong entryAddress)
    {
        var slot = SlotOf(entryAddress >> _pageShift);
        if (slot < 0 || !IsLive(_tables[slot].Level, _memory.Read(entryAddress, _width)))
        {
            return Entity.Null;
        }

        return new Entity(_firstId + (slot << _entryBits) + IndexIn(entryAddress), _tables[slot].Version);
    }

    /// <summary>Where <paramref name="entity"/> sits; false when it is not a live PTE entity.</summary>
    public bool TryLocate(Entity entity, out PteLocation location)
    {
        var index = entity.Id - _firstId;
        if (index < 0 || index >= _maxTables << _entryBits || entity.Version == 0 || LiveVersion(index) != entity.Version)
        {
            location = default;
            return false;
        }

        location = LocationOf(index);
        return true;
    }

    /// <summary>The number of live PTE entities: non-zero entries in the registered tables (a scan: for checks and tests).</summary>
    public int CountLive()
    {
        var live = 0;
        ForEachLive((_, _) => live++);
        return live;
    }

    /// <summary>Calls <paramref name="visit"/> for every live PTE entity with its location, table by table.</summary>
    public void ForEachLive(Action<Entity, PteLocation> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        for (var slot = 0; slot < _tableCount; slot++)
        {
            if (!_tables[slot].Held)
            {
                continue;
            }

            for (var i = 0; i < 1 << _entryBits; i++)
            {
                var index = (slot << _entryBits) + i;
                var location = LocationOf(index);
                if (IsLive(location.Level, _memory.Read(location.EntryAddress, _width)))
                {
                    visit(new Entity(_firstId + index, _tables[slot].Version), location);
                }
            }
        }
    }

    /// <inheritdoc/>
    public int LiveVersion(int index)
    {
        var slot = index >> _entryBits;
        if ((uint)slot >= (uint)_tableCount || !_tables[slot].Held)
        {
            return 0;
        }

        return IsLive(_tables[slot].Level, _memory.Read(LocationOf(index).EntryAddress, _width)) ? _tables[slot].Version : 0;
    }

    /// <inheritdoc/>
    public object ReadBoxed(int index, ComponentType type) =>
        type == Components[0] ? LocationOf(index) : throw new ComponentMismatchException($"a PTE entity has no {type.Type.Name} component");

    /// <summary>
    /// The kernel wrote a non-zero leaf for <paramref name="va"/> of <paramref name="pid"/> at <paramref name="entryAddress"/>:
    /// its table gets a record if it has none. (A zero write needs nothing: the entity is live only while the entry is non-zero.)
    /// </summary>
    internal void Filled(int pid, ulong entryAddress, ulong va)
    {
        var frame = entryAddress >> _pageShift;
        var group = _slotOfFrame[frame >> GroupShift];
        if (group is null || group[frame & GroupMask] == 0)
        {
            Register(frame, pid, va >> _leafCoverageShift << _leafCoverageShift, _leafLevel);
        }
    }

    /// <summary>
    /// The kernel wrote a huge PMD leaf (PS set) for <paramref name="va"/> of <paramref name="pid"/> at
    /// <paramref name="entryAddress"/>: its PMD table gets a record if it has none.
    /// </summary>
    internal void FilledHuge(int pid, ulong entryAddress, ulong va)
    {
        var frame = entryAddress >> _pageShift;
        var group = _slotOfFrame[frame >> GroupShift];
        if (group is null || group[frame & GroupMask] == 0)
        {
            var coverage = _leafCoverageShift + _entryBits;
            Register(frame, pid, va >> coverage << coverage, _leafLevel - 1);
        }
    }

    /// <summary>The page-table frame <paramref name="tableFrame"/> is being freed: its record goes, and its ids' handles go stale.</summary>
    internal void TableFreed(ulong tableFrame)
    {
        var slot = SlotOf(tableFrame);
        if (slot < 0)
        {
            return;
        }

        _slotOfFrame[tableFrame >> GroupShift]![tableFrame & GroupMask] = 0;
        _tables[slot].Held = false;
        _freeSlots.Push(slot);
    }

    // A last-level entry is live while it is non-zero (present or a swap entry); one above only while it maps a huge page.
    private bool IsLive(int level, ulong entry) =>
        level == _leafLevel ? entry != 0 : _pte.IsPresent(entry) && _pte.IsLeafAboveLastLevel(entry);

    private void Register(ulong frame, int pid, ulong firstPage, int level)
    {
        int slot;
        if (_freeSlots.Count > 0)
        {
            slot = _freeSlots.Pop();
        }
        else
        {
            if (_tableCount == _maxTables)
            {
                throw new InvalidOperationException($"more than {_maxTables:N0} leaf tables: the world has no ids left for their PTE entities");
            }

            if (_tableCount == _tables.Length)
            {
                Array.Resize(ref _tables, _tables.Length * 2);
            }

            slot = _tableCount++;
        }

        // A slot's next table gets the next version, so handles to the last one's entries go stale (0 is Entity.Null's).
        var version = (_tables[slot].Version % int.MaxValue) + 1;
        _tables[slot] = new LeafTable { Frame = frame, FirstPage = firstPage, Pid = pid, Level = level, Version = version, Held = true };
        (_slotOfFrame[frame >> GroupShift] ??= new int[1 << GroupShift])[frame & GroupMask] = slot + 1;
    }

    private PteLocation LocationOf(int index)
    {
        ref var table = ref _tables[index >> _entryBits];
        var entry = (ulong)(index & ((1 << _entryBits) - 1));
        return new PteLocation
        {
            EntryAddress = (table.Frame << _pageShift) + (entry << _entryShift),
            VirtualPage = table.FirstPage + (entry << (_pageShift + (_entryBits * (_leafLevel - table.Level)))),
            Pid = table.Pid,
            Level = table.Level,
        };
    }

    private int SlotOf(ulong frame) => _slotOfFrame[frame >> GroupShift] is { } group ? group[frame & GroupMask] - 1 : -1;

    private int IndexIn(ulong entryAddress) => (int)((entryAddress & ((1UL << _pageShift) - 1)) >> _entryShift);
}
