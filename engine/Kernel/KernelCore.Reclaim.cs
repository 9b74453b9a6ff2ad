using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Reclaim;

namespace VmQuest.Engine.Kernel;

/// <summary>Reclaim's facade (eviction is <see cref="ShrinkPageList"/>), the reverse map it uses, suspend and resume.</summary>
public sealed partial class KernelCore
{
    /// <summary>Evicts the replacement policy's victim. False when no user page is resident or swap is full.</summary>
    public bool EvictOne() => ShrinkPageList.EvictOne(this);

    // A frame a fault is working on (Linux holds the page lock): reclaim passes over it.
    internal PinScope Pin(ulong frame)
    {
        Frames.SetPinned(frame, true);
        return new PinScope(this, frame);
    }

    internal readonly struct PinScope(KernelCore kernel, ulong frame) : IDisposable
    {
        public void Dispose() => kernel.Frames.SetPinned(frame, false);
    }

    /// <summary>
    /// Takes <paramref name="frame"/>'s page out of memory: every PTE that maps it (found through the reverse
    /// map) becomes a swap entry — or, for a file page, is cleared, the page being in its file (written back
    /// first when dirty through a shared mapping). The frame is freed. False when swap is full.
    /// </summary>
    public bool EvictFrame(ulong frame) => ShrinkPageList.EvictFrame(this, frame);

    /// <summary>
    /// Suspends (挂起) a process: every page it maps goes to swap or back to its file (a mapping of the zero page is
    /// just dropped); it is not scheduled until resumed.
    /// </summary>
    public void Suspend(int pid)
    {
        ref var info = ref Info(pid);
        if (info.State is ProcessState.Zombie or ProcessState.Suspended)
        {
            return;
        }

        // Everything goes to swap, one base page at a time: huge PMDs are split first (their folios at eviction).
        SplitHugePmds(pid, 0, TaskSize);
        var frames = new List<ulong>();
        var zeroPageLeaves = new List<(ulong Va, ulong Slot)>();
        Walks.ForEachLeaf(MemoryOf(pid).Root, 0, TaskSize, (va, slot, entry) =>
        {
            if (_pte.IsPresent(entry))
            {
                frames.Add(_pte.FrameOf(entry));
                if (IsZeroPage(_pte.FrameOf(entry)))
                {
                    zeroPageLeaves.Add((va, slot));
                }
            }
        });

        // A read of the zero page holds nothing to save: its PTE is just cleared (the next read maps it again).
        foreach (var (va, slot) in zeroPageLeaves)
        {
            WriteLeafEntry(pid, slot, va, 0);
            DropMapping(_zeroPage);
        }

        foreach (var frame in frames.Distinct())
        {
            if (Frames.UseOf(frame) is FrameUse.Anonymous or FrameUse.File)
            {
                _policy.Removed((int)frame);
                EvictFrame(frame);
            }
        }

        if (CurrentPid == pid)
        {
            CurrentPid = 0;
        }

        Info(pid).State = ProcessState.Suspended;
    }

    /// <summary>Resumes a suspended process: it becomes ready; its pages return on demand as it touches them.</summary>
    public void Resume(int pid)
    {
        ref var info = ref Info(pid);
        if (info.State == ProcessState.Suspended)
        {
            info.State = ProcessState.Ready;
        }
    }

    /// <summary>One PTE that maps a frame: whose, where, and the raw entry.</summary>
    internal readonly record struct Mapper(int Pid, ulong Va, ulong Slot, ulong Entry);

    // The reverse map. Anonymous pages: every process that maps the page's address to this frame. File pages:
    // every VMA of every process that maps the page's file offset.
    internal List<Mapper> FindMappers(ulong frame)
    {
        var mappers = new List<Mapper>();
        FindMappers(frame, mappers);
        return mappers;
    }

    // The list reclaim fills for each eviction (FindMappers(frame, list)), so evicting allocates nothing.
    internal List<Mapper> ReclaimMappers { get; } = [];

    // FindMappers into `mappers`, cleared first.
    internal void FindMappers(ulong frame, List<Mapper> mappers)
    {
        mappers.Clear();
        var anonymous = Frames.UseOf(frame) == FrameUse.Anonymous;
        var (fileId, offset) = Frames.FilePageOf(frame);
        var path = anonymous ? null : Files.PathOf(fileId);
        foreach (var pid in _pids)
        {
            if (MemoryOf(pid).Mm is not { } mm)
            {
                continue;
            }

            if (anonymous)
            {
                AddIfMaps(pid, Frames.VirtualAddressOf(frame), frame, mappers);
                continue;
            }

            foreach (var area in mm.Vmas.Areas)
            {
                if (area.Path == path && offset >= area.FileOffset && offset < area.FileOffset + area.Length)
                {
                    AddIfMaps(pid, area.Start + (offset - area.FileOffset), frame, mappers);
                }
            }
        }
    }

    private void AddIfMaps(int pid, ulong va, ulong frame, List<Mapper> mappers)
    {
        var slot = Walks.LeafSlot(MemoryOf(pid).Root, va);
        if (slot == PageTableWalks.NoSlot)
        {
            return;
        }

        var entry = Machine.Memory.Read(slot, _pte.WidthBytes);
        if (_pte.IsPresent(entry) && _pte.FrameOf(entry) == frame)
        {
            mappers.Add(new Mapper(pid, va, slot, entry));
        }
    }
}
