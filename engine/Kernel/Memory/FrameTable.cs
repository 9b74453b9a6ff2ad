using System.Runtime.CompilerServices;
using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// The kernel's per-frame bookkeeping (Linux's <c>struct page</c>): what each frame holds, how many PTEs map
/// it, and how to find those PTEs again (the reverse map). The facts live in the frame entities — one per
/// physical frame, made at boot in frame order as an <see cref="EntityBlock"/> of the world, with components
/// <see cref="FrameState"/> and <see cref="FrameReverseMap"/> — and this class is the one that writes them.
/// It keeps each component's chunk arrays, so a frame's component is two array reads away (chunk, then row,
/// by shift and mask) and no lookup goes through the world.
/// <para>
/// Reverse map, as Linux does it without a list per page: an anonymous page keeps the virtual address it
/// was first mapped at — fork keeps every copy at the same address, so the mappers are the processes whose
/// table maps that address to this frame; a file page keeps its file and offset, and the mappers are the
/// VMAs that map that offset.
/// </para>
/// </summary>
public sealed class FrameTable
{
    private readonly FrameState[][] _states;
    private readonly FrameReverseMap[][] _reverseMaps;
    private readonly int _chunkShift;
    private readonly ulong _rowMask;

    /// <summary>Creates the table for <paramref name="frameCount"/> frames, all free, in a world of its own.</summary>
    public FrameTable(ulong frameCount)
        : this(new World(), frameCount)
    {
    }

    /// <summary>Creates <paramref name="frameCount"/> frame entities in <paramref name="world"/>, all free, and the table over them.</summary>
    public FrameTable(World world, ulong frameCount)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frameCount, (ulong)Array.MaxLength);
        World = world;
        Block = world.CreateBlock<FrameState, FrameReverseMap>((int)frameCount);
        _states = Block.ColumnsOf<FrameState>();
        _reverseMaps = Block.ColumnsOf<FrameReverseMap>();
        _chunkShift = Block.ChunkShift;
        _rowMask = (ulong)Block.RowMask;
        for (ulong f = 0; f < frameCount; f++)
        {
            State(f).Number = (uint)f;
        }
    }

    /// <summary>The world holding the frame entities.</summary>
    public World World { get; }

    /// <summary>The frame entities: frame <c>f</c> is member <c>f</c>.</summary>
    public EntityBlock Block { get; }

    /// <summary>The number of frames.</summary>
    public int Count => Block.Count;

    /// <summary>Frames holding user data (anonymous or file pages): what the replacement policy chooses among.</summary>
    public int DataFrames { get; private set; }

    /// <summary>The entity standing for <paramref name="frame"/>.</summary>
    public Entity EntityOf(ulong frame) => Block.EntityAt(checked((int)frame));

    /// <summary>The frame <paramref name="entity"/> stands for; throws when it is not one of this table's frame entities.</summary>
    public ulong FrameOf(Entity entity)
    {
        var index = Block.IndexOf(entity);
        return index >= 0 ? (ulong)index : throw new ArgumentException($"{entity} is not a frame entity of this table", nameof(entity));
    }

    /// <summary>What <paramref name="frame"/> holds.</summary>
    public FrameUse UseOf(ulong frame) => State(frame).Use;

    /// <summary>How many present PTEs map <paramref name="frame"/> (its refcount for copy-on-write).</summary>
    public int MapCountOf(ulong frame) => State(frame).MapCount;

    /// <summary>The pid of the process that first mapped the frame (the lot's colour).</summary>
    public int OwnerOf(ulong frame) => State(frame).OwnerPid;

    /// <summary>The frame's page flags.</summary>
    public FrameFlags FlagsOf(ulong frame) => State(frame).Flags;

    /// <summary>The virtual address an anonymous frame is mapped at in every process that shares it (for a file frame, where it was first wanted).</summary>
    public ulong VirtualAddressOf(ulong frame) => ReverseMap(frame).VirtualAddress;

    /// <summary>The file (page-cache id) and offset a file frame holds.</summary>
    public (int FileId, ulong Offset) FilePageOf(ulong frame)
    {
        ref var map = ref ReverseMap(frame);
        return (map.FileId, map.FileOffset);
    }

    /// <summary>Records a new anonymous frame mapped once at <paramref name="va"/> by <paramref name="ownerPid"/>.</summary>
    public void TakeForAnonymous(ulong frame, int ownerPid, ulong va)
    {
        Take(frame, FrameUse.Anonymous, ownerPid);
        ReverseMap(frame).VirtualAddress = va;
        DataFrames++;
    }

    /// <summary>
    /// Records a new page-cache frame holding <paramref name="offset"/> of file <paramref name="fileId"/> (not yet
    /// mapped), first wanted at <paramref name="va"/> (what <see cref="VirtualAddressOf"/> then answers: OPT's oracle
    /// and the city name the page by it; the reverse map of a file page goes through its file offset).
    /// </summary>
    public void TakeForFile(ulong frame, int ownerPid, int fileId, ulong offset, ulong va = 0)
    {
        Take(frame, FrameUse.File, ownerPid);
        ref var map = ref ReverseMap(frame);
        map.VirtualAddress = va;
        map.FileId = fileId;
        map.FileOffset = offset;
        DataFrames++;
    }

    /// <summary>Records a page-table frame of <paramref name="ownerPid"/>'s tables (released with <see cref="Release"/>).</summary>
    public void TakeForPageTable(ulong frame, int ownerPid) => Take(frame, FrameUse.PageTable, ownerPid);

    /// <summary>Records a frame the machine image reserved.</summary>
    public void MarkReserved(ulong frame) => Take(frame, FrameUse.Reserved, 0);

    /// <summary>One more PTE maps the frame.</summary>
    public void AddMapping(ulong frame) => State(frame).MapCount++;

    /// <summary>
    /// fork's copy of one present PTE: one more mapping, and the page marked shared copy-on-write when
    /// <paramref name="anonShared"/> (one look-up of the frame, as the copy loop runs once per resident page).
    /// </summary>
    public void AddForkMapping(ulong frame, bool anonShared)
    {
        ref var state = ref State(frame);
        state.MapCount++;
        state.Flags = anonShared ? state.Flags | FrameFlags.AnonShared : state.Flags;
    }

    /// <summary>One PTE fewer maps the frame; returns the count left.</summary>
    public int RemoveMapping(ulong frame)
    {
        ref var state = ref State(frame);
        if (state.MapCount <= 0)
        {
            throw new InvalidOperationException($"frame {frame} is not mapped; its map count cannot drop");
        }

        return --state.MapCount;
    }

    /// <summary>
    /// Marks the frame free again; it must be unmapped. Its swap slot is forgotten; a pin stays, since it belongs
    /// to the fault holding it, not to the page (the fault unpins the frame when it is done, whatever it holds then).
    /// </summary>
    public void Release(ulong frame)
    {
        ref var state = ref State(frame);
        if (state.MapCount != 0)
        {
            throw new InvalidOperationException($"frame {frame} is still mapped {state.MapCount} times");
        }

        if (state.Use is FrameUse.Anonymous or FrameUse.File)
        {
            DataFrames--;
        }

        state.Use = FrameUse.Free;
        state.OwnerPid = 0;
        state.Flags &= FrameFlags.Pinned;
        ReverseMap(frame) = default;
    }

    /// <summary>True while a fault is working on the frame (reclaim passes over it).</summary>
    public bool IsPinned(ulong frame) => (State(frame).Flags & FrameFlags.Pinned) != 0;

    /// <summary>Pins or unpins the frame.</summary>
    public void SetPinned(ulong frame, bool pinned)
    {
        ref var state = ref State(frame);
        state.Flags = pinned ? state.Flags | FrameFlags.Pinned : state.Flags & ~FrameFlags.Pinned;
    }

    /// <summary>True when fork shared the frame's anonymous page copy-on-write and no write fault has since made it exclusive.</summary>
    public bool IsAnonShared(ulong frame) => (State(frame).Flags & FrameFlags.AnonShared) != 0;

    /// <summary>Marks the frame's page shared copy-on-write (fork, a swap-in of a shared slot) or exclusive again (<c>do_wp_page</c>).</summary>
    public void SetAnonShared(ulong frame, bool shared)
    {
        ref var state = ref State(frame);
        state.Flags = shared ? state.Flags | FrameFlags.AnonShared : state.Flags & ~FrameFlags.AnonShared;
    }

    /// <summary>True when the frame's page is also held by a swap slot (it is in the swap cache).</summary>
    public bool InSwapCache(ulong frame) => (State(frame).Flags & FrameFlags.SwapCache) != 0;

    /// <summary>The swap slot the frame's page is also in, or null when it is not in the swap cache.</summary>
    public ulong? SwapSlotOf(ulong frame) => InSwapCache(frame) ? ReverseMap(frame).SwapSlot : null;

    /// <summary>Puts the frame's page in the swap cache as the copy of swap slot <paramref name="swapSlot"/> (never 0).</summary>
    public void AddToSwapCache(ulong frame, ulong swapSlot)
    {
        ArgumentOutOfRangeException.ThrowIfZero(swapSlot);
        ReverseMap(frame).SwapSlot = checked((uint)swapSlot);
        State(frame).Flags |= FrameFlags.SwapCache;
    }

    /// <summary>Takes the frame's page out of the swap cache; returns the slot it was the copy of, or null when it was in none.</summary>
    public ulong? RemoveFromSwapCache(ulong frame)
    {
        var slot = SwapSlotOf(frame);
        ReverseMap(frame).SwapSlot = 0;
        State(frame).Flags &= ~FrameFlags.SwapCache;
        return slot;
    }

    private void Take(ulong frame, FrameUse use, int ownerPid)
    {
        ref var state = ref State(frame);
        if (state.Use != FrameUse.Free)
        {
            throw new InvalidOperationException($"frame {frame} is already in use as {state.Use}");
        }

        state.Use = use;
        state.OwnerPid = ownerPid;
        state.MapCount = 0;
    }

    // Indexed with the frame number as it is (ulong), so a frame past the last one fails as it did when these were
    // plain arrays: the chunk index runs past the chunks, or the row past the last chunk's arrays (sized to its rows).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref FrameState State(ulong frame) => ref _states[frame >> _chunkShift][frame & _rowMask];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref FrameReverseMap ReverseMap(ulong frame) => ref _reverseMaps[frame >> _chunkShift][frame & _rowMask];
}
