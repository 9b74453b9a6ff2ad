using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel;

/// <summary>Frames for user pages: allocation under the data-frame limit, PTE encoding, and freeing.</summary>
public sealed partial class KernelCore
{
    /// <summary>
    /// A free frame for a user page, evicting a victim first when the data-frame limit is reached or memory
    /// is full (keeping room for the page tables the mapping may need). Null when nothing can be evicted.
    /// </summary>
    private ulong? AllocateDataFrame()
    {
        var headroom = (ulong)Machine.Description.Levels.Count;
        while (Frames.DataFrames >= (Options.DataFrameLimit ?? int.MaxValue) || Machine.Frames.FreeCount <= headroom)
        {
            if (!EvictOne())
            {
                if (Machine.Frames.FreeCount == 0 || Frames.DataFrames >= (Options.DataFrameLimit ?? int.MaxValue))
                {
                    return null;
                }

                break;
            }
        }

        var frame = Machine.Frames.Allocate();
        Machine.Memory.ClearFrame(frame);
        return frame;
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
        Machine.Tables.Map(MemoryOf(pid).Root, va, frame, flags);
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
