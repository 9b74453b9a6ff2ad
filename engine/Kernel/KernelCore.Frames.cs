using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel;

/// <summary>Frames for user pages: allocation under the data-frame limit, PTE encoding, and freeing.</summary>
public sealed partial class KernelCore
{
    /// <summary>The outcome of asking for a frame: one was taken, none can be had, or a decision is pending.</summary>
    private enum FrameGrab
    {
        Taken,
        OutOfMemory,
        Pending,
    }

    /// <summary>
    /// A free frame for the page <paramref name="pid"/> faulted on at <paramref name="va"/>, evicting victims first
    /// when the data-frame limit is reached or memory is full (keeping room for the page tables a mapping may
    /// need). The frame and each victim are decisions (<see cref="KernelOptions.Decisions"/>): while one is
    /// pending nothing has changed except the evictions already made, and <see cref="FrameGrab.Pending"/> comes back.
    /// </summary>
    private FrameGrab AllocateDataFrame(int pid, ulong va, out ulong frame)
    {
        frame = 0;
        var headroom = (ulong)Machine.Description.Levels.Count;
        var decisions = Options.Decisions;
        while (Frames.DataFrames >= (Options.DataFrameLimit ?? int.MaxValue) || Machine.Frames.FreeCount <= headroom)
        {
            if (Frames.DataFrames == 0)
            {
                if (Machine.Frames.FreeCount == 0)
                {
                    return FrameGrab.OutOfMemory;
                }

                break;
            }

            if (decisions.ChooseVictim(this, pid, va) is not { } victim)
            {
                return FrameGrab.Pending;
            }

            if (victim == IKernelDecisions.KernelDefault)
            {
                if (!EvictOne())
                {
                    return FrameGrab.OutOfMemory;
                }

                continue;
            }

            if (Frames.UseOf(victim) is not (FrameUse.Anonymous or FrameUse.File) || _pinned.Contains(victim))
            {
                throw new InvalidOperationException($"frame {victim} cannot be evicted: it holds {UseOf(victim)}");
            }

            _policy.Removed((int)victim);
            if (!EvictFrame(victim))
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

    /// <summary>The leaf flags a page of <paramref name="area"/> gets: writable only when allowed and not copy-on-write.</summary>
    private static PteBits LeafFlags(in VmArea area, bool writable, bool copyOnWrite)
    {
        var flags = PteBits.Present | PteBits.User;
        if (writable && (area.Permissions & VmaPermissions.Write) != 0)
        {
            flags |= PteBits.Writable;
        }

        if (copyOnWrite && (area.Permissions & VmaPermissions.Write) != 0)
        {
            flags |= PteBits.Cow;
        }

        if ((area.Permissions & VmaPermissions.Execute) == 0)
        {
            flags |= PteBits.NoExecute;
        }

        return flags;
    }

    /// <summary>Maps <paramref name="frame"/> at <paramref name="va"/> in <paramref name="pid"/>'s tables and counts the mapping.</summary>
    private void MapPage(int pid, ulong va, ulong frame, PteBits flags)
    {
        EnsureFreeFrames(Machine.Description.Levels.Count);
        Machine.Tables.Map(MemoryOf(pid).Root, va, frame, flags, replacesNotPresent: true);
        Frames.AddMapping(frame);
    }

    /// <summary>
    /// Drops one mapping of a data frame; when none is left the frame is freed (leaving the page cache or
    /// the swap cache, and the replacement policy's books).
    /// </summary>
    private void DropMapping(ulong frame)
    {
        if (Frames.RemoveMapping(frame) > 0)
        {
            return;
        }

        FreeDataFrame(frame);
    }

    private void FreeDataFrame(ulong frame)
    {
        if (Frames.UseOf(frame) == FrameUse.File)
        {
            _pageCache.Remove(Frames.FilePageOf(frame));
        }

        if (_swapSlotOfFrame.Remove(frame, out var swapSlot))
        {
            _swapCache.Remove(swapSlot);
        }

        _policy.Removed((int)frame);
        Frames.Release(frame);
        Machine.Memory.ClearFrame(frame);
        Machine.Frames.Free(frame);
    }

    private bool IsSwapEntry(ulong entry) => entry != 0 && !_pte.IsPresent(entry) && (_pte.Decode(entry) & PteBits.Swap) != 0;

    private ulong SwapEntry(ulong slot) => _pte.Encode(slot, PteBits.Swap, leaf: true);

    private bool IsCow(ulong entry) => (entry & _cowMask) != 0;
}
