using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel;

/// <summary>Frames for user pages: allocation under the data-frame limit, PTE encoding, and freeing.</summary>
public sealed partial class KernelCore
{
    /// <summary>The outcome of asking for a frame: one was taken, none can be had, or a decision is pending.</summary>
    internal enum FrameGrab
    {
        Taken,
        OutOfMemory,
        Pending,
    }

    /// <summary>
    /// A free frame for the page <paramref name="pid"/> faulted on at <paramref name="va"/>, evicting victims first
    /// when the data-frame limit is reached or memory is full (keeping room for the page tables the mapping
    /// needs). When nothing can be evicted the OOM killer runs (<see cref="OomKill"/>); if it chose the faulting
    /// process, <see cref="FrameGrab.OutOfMemory"/> comes back and the process is already dead. The frame and
    /// each victim are decisions (<see cref="KernelOptions.Decisions"/>): while one is pending nothing has changed
    /// except the evictions already made, and <see cref="FrameGrab.Pending"/> comes back.
    /// </summary>
    internal FrameGrab AllocateDataFrame(int pid, ulong va, out ulong frame)
    {
        frame = 0;
        var headroom = (ulong)Machine.Description.Levels.Count;
        var limit = Options.DataFrameLimit ?? int.MaxValue;
        var decisions = Options.Decisions;
        if (WatermarkReclaim)
        {
            CheckWatermarks();
        }

        while (Frames.DataFrames >= limit || Machine.Frames.FreeCount <= headroom)
        {
            // Below the data limit with the frame and its tables free, the headroom is only a preference. (Only
            // under pressure is the walk for the missing tables made: the common fault skips this loop.)
            var fits = Frames.DataFrames < limit && Machine.Frames.FreeCount >= 1 + (ulong)Walks.MissingTables(MemoryOf(pid).Root, va);
            if (Frames.DataFrames == 0)
            {
                if (fits)
                {
                    break;
                }

                // Memory holds only page tables: reclaim has nothing to take.
                if (!OomKill(pid))
                {
                    return FrameGrab.OutOfMemory;
                }

                continue;
            }

            if (decisions.ChooseVictim(this, pid, va) is not { } victim)
            {
                return FrameGrab.Pending;
            }

            bool evicted;
            if (victim == IKernelDecisions.KernelDefault)
            {
                evicted = EvictOne();
            }
            else
            {
                if (Frames.UseOf(victim) is not (FrameUse.Anonymous or FrameUse.File) || Frames.IsPinned(victim))
                {
                    throw new InvalidOperationException($"frame {victim} cannot be evicted: it holds {UseOf(victim)}");
                }

                _policy.Removed((int)victim);
                evicted = EvictFrame(victim);
            }

            if (!evicted)
            {
                // Swap is full or every resident page is pinned: use the headroom if it suffices. Over the
                // user-frame limit (charged like a memory cgroup) the faulting process is the one that fails;
                // short of physical frames, the OOM killer chooses.
                if (fits)
                {
                    break;
                }

                if (Frames.DataFrames >= limit || !OomKill(pid))
                {
                    return FrameGrab.OutOfMemory;
                }
            }

            if (MemoryOf(pid).Mm is null)
            {
                return FrameGrab.OutOfMemory;
            }
        }

        if (decisions.ChooseFrame(this, pid, va) is not { } chosen)
        {
            return FrameGrab.Pending;
        }

        if (chosen == IKernelDecisions.KernelDefault)
        {
            chosen = Machine.Frames.Allocate();
        }
        else if (!Machine.Frames.Reserve(chosen))
        {
            throw new InvalidOperationException($"frame {chosen} is not free");
        }

        Machine.Memory.ClearFrame(chosen);
        frame = chosen;
        return FrameGrab.Taken;
    }

    /// <summary>The lowest-numbered free frame (what Linux's allocator would hand out here), or null when memory is full.</summary>
    public ulong? LowestFreeFrame()
    {
        for (ulong f = 0; f < Machine.Frames.FrameCount; f++)
        {
            if (!Machine.Frames.IsUsed(f))
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>
    /// The leaf flags a page of <paramref name="area"/> gets: writable only when asked and the VMA allows it. A
    /// copy-on-write page is simply read-only: x86 has no COW bit, and the fault handler decides from the VMA and
    /// the PTE, as Linux's <c>do_wp_page</c> does.
    /// </summary>
    internal static PteBits LeafFlags(in VmArea area, bool writable)
    {
        var flags = PteBits.Present | PteBits.User;
        if (writable && (area.Permissions & VmaPermissions.Write) != 0)
        {
            flags |= PteBits.Writable;
        }

        if ((area.Permissions & VmaPermissions.Execute) == 0)
        {
            flags |= PteBits.NoExecute;
        }

        return flags;
    }

    /// <summary>
    /// Maps <paramref name="frame"/> at <paramref name="va"/> in <paramref name="pid"/>'s tables and counts the
    /// mapping and its PTE entity; the tables on the way are allocated, reclaiming (and as a last resort running the OOM killer)
    /// for them. False when no frame could be had for them: nothing was mapped (and the requester may be dead).
    /// </summary>
    internal bool TryMapPage(int pid, ulong va, ulong frame, PteBits flags)
    {
        if (!RoomForTables(pid, va))
        {
            return false;
        }

        var slot = Machine.Tables.Map(MemoryOf(pid).Root, va, frame, flags, replacesNotPresent: true);
        Ptes.Filled(pid, slot, va);
        Frames.AddMapping(frame);
        return true;
    }

    // At most one table per level below the root can be missing: with that many frames free nothing is walked.
    internal bool RoomForTables(int pid, ulong va)
    {
        if (Machine.Frames.FreeCount >= (ulong)Machine.Description.Levels.Count)
        {
            return true;
        }

        var tables = (ulong)Walks.MissingTables(MemoryOf(pid).Root, va);
        return Machine.Frames.FreeCount >= tables || (ReclaimOrKill(tables, pid) && MemoryOf(pid).Mm is not null);
    }

    /// <summary>
    /// Drops one mapping of a data frame; when none is left the frame is freed (leaving the page cache or
    /// the swap cache, and the replacement policy's books).
    /// </summary>
    internal void DropMapping(ulong frame)
    {
        if (Frames.RemoveMapping(frame) > 0)
        {
            return;
        }

        FreeDataFrame(frame);
    }

    internal void FreeDataFrame(ulong frame)
    {
        if (Frames.UseOf(frame) == FrameUse.File)
        {
            _pageCache.Remove(Frames.FilePageOf(frame));
        }

        if (Frames.RemoveFromSwapCache(frame) is { } swapSlot)
        {
            _swapCache.Remove(swapSlot);
        }

        _policy.Removed((int)frame);
        Frames.Release(frame);
        Machine.Memory.ClearFrame(frame);
        Machine.Frames.Free(frame);
    }

    // Linux's !pte_none && !pte_present: the kernel writes no other non-present entry. The slot sits in the frame
    // field, so a format without a swap bit (OSTEP's) still holds one (the swap area is sized to fit, see the constructor).
    internal bool IsSwapEntry(ulong entry) => entry != 0 && !_pte.IsPresent(entry);

    internal ulong SwapEntry(ulong slot) => _pte.Encode(slot, PteBits.Swap, leaf: true);
}
