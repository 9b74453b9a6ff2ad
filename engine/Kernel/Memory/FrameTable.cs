using System.Runtime.CompilerServices;
using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// The kernel's per-frame bookkeeping (Linux's <c>struct page</c>): what each frame holds, how many PTEs map
/// it, and how to find those PTEs again (the reverse map). The facts live in the frame entities — one per
/// physical frame, made at boot in frame order as an <see cref="EntityBlock"/> of the world, with components
/// <see cref="FrameState"/>, <see cref="FrameReverseMap"/> and <see cref="FrameBacking"/> — and this class is the one that writes them.
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
    private readonly FrameBacking[][] _backings;
    private readonly int _chunkShift;
    private readonly ulong _rowMask;
    private readonly int _pageShift;

    /// <summary>Creates the table for <paramref name="frameCount"/> 4 KiB frames, all free, in a world of its own.</summary>
    public FrameTable(ulong frameCount)
        : this(new World(), frameCount)
    {
    }

    /// <summary>
    /// Creates <paramref name="frameCount"/> frame entities of 2^<paramref name="pageShift"/> bytes in
    /// <paramref name="world"/>, all free, and the table over them.
    /// </summary>
    public FrameTable(World world, ulong frameCount, int pageShift = 12)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageShift);
        ArgumentNullException.ThrowIfNull(world);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frameCount, (ulong)Array.MaxLength);
        World = world;
        Block = world.CreateBlock<FrameState, FrameReverseMap, FrameBacking>((int)frameCount);
        _states = Block.ColumnsOf<FrameState>();
        _reverseMaps = Block.ColumnsOf<FrameReverseMap>();
        _backings = Block.ColumnsOf<FrameBacking>();
        _chunkShift = Block.ChunkShift;
        _rowMask = (ulong)Block.RowMask;
        _pageShift = pageShift;
    }

    /// <summary>The world holding the frame entities.</summary>
    public World World { get; }

    /// <summary>The frame entities: frame <c>f</c> is member <c>f</c>.</summary>
    public EntityBlock Block { get; }

    /// <summary>The number of frames.</summary>
    public int Count => Block.Count;

    /// <summary>Frames holding user data (anonymous or file pages): what the replacement policy chooses among.</summary>
    public int DataFrames { get; private set; }

    /// <summary>
    /// How many PTEs map the zero page now, for display (the city's one shared lot). Linux keeps no such count (the
    /// zero page's mapcount is not touched) and neither does <see cref="MapCountOf"/>, which stays 0 for it.
    /// </summary>
    public long ZeroPageMappings { get; private set; }

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
        ref var backing = ref Backing(frame);
        return UseOf(frame) == FrameUse.File ? (backing.FileId, (ulong)backing.Page << _pageShift) : (0, 0);
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
        if ((offset & ((1UL << _pageShift) - 1)) != 0 || offset >> _pageShift > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "a file page's offset is page-aligned and below 2^32 pages");
        }

        Take(frame, FrameUse.File, ownerPid);
        ReverseMap(frame).VirtualAddress = va;
        Backing(frame) = new FrameBacking { FileId = fileId, Page = (uint)(offset >> _pageShift) };
        DataFrames++;
    }

    /// <summary>Records a page-table frame of <paramref name="ownerPid"/>'s tables (released with <see cref="Release"/>).</summary>
    public void TakeForPageTable(ulong frame, int ownerPid) => Take(frame, FrameUse.PageTable, ownerPid);

    /// <summary>Records a frame the machine image reserved.</summary>
    public void MarkReserved(ulong frame) => Take(frame, FrameUse.Reserved, 0);

    /// <summary>
    /// Records the kernel's shared zero page (<see cref="FrameUse.ZeroPage"/>), pinned for good. Its map count
    /// stays 0 however many PTEs map it: Linux 6.18 maps it as a special PTE (<c>pte_mkspecial</c>;
    /// <c>vm_normal_page</c> answers NULL for it), so neither its mapcount nor its refcount follows its mappings.
    /// </summary>
    public void TakeForZeroPage(ulong frame)
    {
        Take(frame, FrameUse.ZeroPage, 0);
        State(frame).Flags |= FrameFlags.Pinned;
    }

    /// <summary>
    /// One more PTE maps the frame; <paramref name="anonShared"/> also marks the page shared copy-on-write (fork's
    /// copy, in the same look-up, as its loop runs once per resident page). The zero page is only counted (see
    /// <see cref="TakeForZeroPage"/>).
    /// </summary>
    // Inlined: fork calls it for every present leaf it copies.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddMapping(ulong frame, bool anonShared = false)
    {
        ref var state = ref State(frame);
        if (state.Use == FrameUse.ZeroPage)
        {
            ZeroPageMappings++;
            return;
        }

        state.MapCount++;
        state.Flags = anonShared ? state.Flags | FrameFlags.AnonShared : state.Flags;
    }

    /// <summary>
    /// One PTE fewer maps the frame; returns the count left. The zero page is not counted and never freed: for it
    /// the answer is always 1.
    /// </summary>
    public int RemoveMapping(ulong frame)
    {
        ref var state = ref State(frame);
        if (state.Use == FrameUse.ZeroPage)
        {
            ZeroPageMappings--;
            return 1;
        }

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

        // Only a file page or a swap-cache page wrote its backing: an anonymous frame's stays untouched memory.
        if (state.Use == FrameUse.File || (state.Flags & FrameFlags.SwapCache) != 0)
        {
            Backing(frame) = default;
        }

        state.Use = FrameUse.Free;
        state.OwnerPid = 0;
        state.Flags &= FrameFlags.Pinned;
        ReverseMap(frame) = default;
    }

    /// <summary>True while a fault is working on the frame (reclaim passes over it).</summary>
    public bool IsPinned(ulong frame) => (State(frame).Flags & FrameFlags.Pinned) != 0;

    /// <summary>Pins or unpins the frame (the zero page stays pinned).</summary>
    public void SetPinned(ulong frame, bool pinned)
    {
        ref var state = ref State(frame);
        pinned |= state.Use == FrameUse.ZeroPage;
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

    /// <summary>True when the frame is one of a transparent huge page's frames (see <see cref="FrameFlags.HugeFolio"/>).</summary>
    public bool IsHugeFolio(ulong frame) => (State(frame).Flags & FrameFlags.HugeFolio) != 0;

    /// <summary>Marks the frame part of a transparent huge page, or (its folio split) a base page again.</summary>
    public void SetHugeFolio(ulong frame, bool huge)
    {
        ref var state = ref State(frame);
        state.Flags = huge ? state.Flags | FrameFlags.HugeFolio : state.Flags & ~FrameFlags.HugeFolio;
    }

    /// <summary>True when the frame's page is also held by a swap slot (it is in the swap cache).</summary>
    public bool InSwapCache(ulong frame) => (State(frame).Flags & FrameFlags.SwapCache) != 0;

    /// <summary>The swap slot the frame's page is also in, or null when it is not in the swap cache.</summary>
    public ulong? SwapSlotOf(ulong frame) => InSwapCache(frame) ? Backing(frame).Page : null;

    /// <summary>
    /// Puts the anonymous frame's page in the swap cache as the copy of swap slot <paramref name="swapSlot"/>
    /// (never 0). Only anonymous pages go to swap; a file page's contents live in its file.
    /// </summary>
    public void AddToSwapCache(ulong frame, ulong swapSlot)
    {
        ArgumentOutOfRangeException.ThrowIfZero(swapSlot);
        if (UseOf(frame) != FrameUse.Anonymous)
        {
            throw new InvalidOperationException($"frame {frame} holds {UseOf(frame)}, not an anonymous page: it cannot enter the swap cache");
        }

        Backing(frame).Page = checked((uint)swapSlot);
        State(frame).Flags |= FrameFlags.SwapCache;
    }

    /// <summary>Takes the frame's page out of the swap cache; returns the slot it was the copy of, or null when it was in none.</summary>
    public ulong? RemoveFromSwapCache(ulong frame)
    {
        var slot = SwapSlotOf(frame);
        if (slot is not null)
        {
            Backing(frame).Page = 0;
        }

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

    private ref FrameBacking Backing(ulong frame) => ref _backings[frame >> _chunkShift][frame & _rowMask];
}
