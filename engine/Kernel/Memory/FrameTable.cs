namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// The kernel's per-frame bookkeeping (Linux's <c>struct page</c>): what each frame holds, how many PTEs map
/// it, and how to find those PTEs again (the reverse map). Kept in parallel arrays indexed by frame number,
/// so a million frames cost about 30 MB and every lookup is one array read.
/// <para>
/// Reverse map, as Linux does it without a list per page: an anonymous page keeps the virtual address it
/// was first mapped at — fork keeps every copy at the same address, so the mappers are the processes whose
/// table maps that address to this frame; a file page keeps its file and offset, and the mappers are the
/// VMAs that map that offset.
/// </para>
/// </summary>
public sealed class FrameTable
{
    private readonly FrameUse[] _use;
    private readonly int[] _mapCount;
    private readonly int[] _ownerPid;
    private readonly ulong[] _virtualAddress;
    private readonly int[] _fileId;
    private readonly ulong[] _fileOffset;

    /// <summary>Creates the table for <paramref name="frameCount"/> frames, all free.</summary>
    public FrameTable(ulong frameCount)
    {
        _use = new FrameUse[frameCount];
        _mapCount = new int[frameCount];
        _ownerPid = new int[frameCount];
        _virtualAddress = new ulong[frameCount];
        _fileId = new int[frameCount];
        _fileOffset = new ulong[frameCount];
    }

    /// <summary>The number of frames.</summary>
    public int Count => _use.Length;

    /// <summary>Frames holding user data (anonymous or file pages): what the replacement policy chooses among.</summary>
    public int DataFrames { get; private set; }

    /// <summary>What <paramref name="frame"/> holds.</summary>
    public FrameUse UseOf(ulong frame) => _use[frame];

    /// <summary>How many present PTEs map <paramref name="frame"/> (its refcount for copy-on-write).</summary>
    public int MapCountOf(ulong frame) => _mapCount[frame];

    /// <summary>The pid of the process that first mapped the frame (the lot's colour).</summary>
    public int OwnerOf(ulong frame) => _ownerPid[frame];

    /// <summary>The virtual address an anonymous frame is mapped at in every process that shares it (for a file frame, where it was first wanted).</summary>
    public ulong VirtualAddressOf(ulong frame) => _virtualAddress[frame];

    /// <summary>The file (page-cache id) and offset a file frame holds.</summary>
    public (int FileId, ulong Offset) FilePageOf(ulong frame) => (_fileId[frame], _fileOffset[frame]);

    /// <summary>Records a new anonymous frame mapped once at <paramref name="va"/> by <paramref name="ownerPid"/>.</summary>
    public void TakeForAnonymous(ulong frame, int ownerPid, ulong va)
    {
        Take(frame, FrameUse.Anonymous, ownerPid);
        _virtualAddress[frame] = va;
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
        _virtualAddress[frame] = va;
        _fileId[frame] = fileId;
        _fileOffset[frame] = offset;
        DataFrames++;
    }

    /// <summary>Records a frame the machine image reserved.</summary>
    public void MarkReserved(ulong frame) => Take(frame, FrameUse.Reserved, 0);

    /// <summary>One more PTE maps the frame.</summary>
    public void AddMapping(ulong frame) => _mapCount[frame]++;

    /// <summary>One PTE fewer maps the frame; returns the count left.</summary>
    public int RemoveMapping(ulong frame)
    {
        if (_mapCount[frame] <= 0)
        {
            throw new InvalidOperationException($"frame {frame} is not mapped; its map count cannot drop");
        }

        return --_mapCount[frame];
    }

    /// <summary>Marks the frame free again; it must be unmapped.</summary>
    public void Release(ulong frame)
    {
        if (_mapCount[frame] != 0)
        {
            throw new InvalidOperationException($"frame {frame} is still mapped {_mapCount[frame]} times");
        }

        if (_use[frame] is FrameUse.Anonymous or FrameUse.File)
        {
            DataFrames--;
        }

        _use[frame] = FrameUse.Free;
        _ownerPid[frame] = 0;
        _virtualAddress[frame] = 0;
        _fileId[frame] = 0;
        _fileOffset[frame] = 0;
    }

    private void Take(ulong frame, FrameUse use, int ownerPid)
    {
        if (_use[frame] != FrameUse.Free)
        {
            throw new InvalidOperationException($"frame {frame} is already in use as {_use[frame]}");
        }

        _use[frame] = use;
        _ownerPid[frame] = ownerPid;
        _mapCount[frame] = 0;
    }
}
