using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>
/// Reclaim's eviction (Linux's <c>shrink_page_list</c>: <c>try_to_unmap</c>, then <c>pageout</c> or dropping a
/// clean page): the replacement policy chooses a victim, every PTE that maps it becomes a swap entry (an
/// anonymous page, written to swap unless the swap cache still holds it) or is cleared (a file page, written back
/// first when dirty through a shared mapping), and the frame is freed. Called where memory is needed (direct
/// reclaim in the allocators, suspend, the player's evictions) and, under the <c>linux</c> policy, by kswapd
/// (<see cref="KernelCore.RunKswapd"/>). Counts <c>pgsteal</c>, <c>pswpout</c> and <c>nr_vmscan_write</c> in <see cref="Linux.VmStat"/>.
/// </summary>
internal static class ShrinkPageList
{
    /// <summary>Evicts the policy's victim, passing over pinned frames. False when no user page may go or swap is full.</summary>
    internal static bool EvictOne(KernelCore kernel)
    {
        var policy = kernel.Policy;
        // Made only when a pinned frame is passed over: the common eviction allocates no list.
        List<int>? skipped = null;
        try
        {
            while (kernel.Frames.DataFrames > (skipped?.Count ?? 0))
            {
                var victim = policy.ChooseVictim();
                if (!kernel.Frames.IsPinned((ulong)victim))
                {
                    var file = kernel.Frames.UseOf((ulong)victim) == FrameUse.File;
                    if (!EvictFrame(kernel, (ulong)victim))
                    {
                        return false;
                    }

                    kernel.Counters.VmStat.Stolen(file);
                    return true;
                }

                (skipped ??= []).Add(victim);
            }

            return false;
        }
        finally
        {
            // A pinned page passed over goes back to the policy as if just loaded: a second chance.
            if (skipped is not null)
            {
                foreach (var frame in skipped)
                {
                    policy.Loaded(frame);
                }
            }
        }
    }

    /// <summary>Takes <paramref name="frame"/>'s page out of memory (see the class). False when swap is full.</summary>
    internal static bool EvictFrame(KernelCore kernel, ulong frame)
    {
        var frames = kernel.Frames;
        var use = frames.UseOf(frame);
        if (use is not (FrameUse.Anonymous or FrameUse.File))
        {
            throw new ArgumentException($"frame {frame} holds {use}, not a user page", nameof(frame));
        }

        // shrink_folio_list swaps a huge page out only after split_folio_to_list has made it 512 base pages.
        if (frames.IsHugeFolio(frame))
        {
            kernel.SplitHugeFolio(frame);
        }

        var machine = kernel.Machine;
        var mappers = kernel.ReclaimMappers;
        kernel.FindMappers(frame, mappers);
        ulong swapSlot = 0;
        if (use == FrameUse.Anonymous)
        {
            if (frames.RemoveFromSwapCache(frame) is { } cachedSlot)
            {
                kernel.SwapCache.Remove(cachedSlot);
                swapSlot = cachedSlot;
                for (var i = 0; i < mappers.Count; i++)
                {
                    kernel.Swap.AddReference(swapSlot);
                }
            }
            else if (kernel.Swap.Store(machine.Memory.ExportFrame(frame), mappers.Count) is { } stored)
            {
                swapSlot = stored;
                kernel.Counters.VmStat.Pswpout++;
                kernel.Counters.VmStat.NrVmscanWrite++;
            }
            else
            {
                kernel.Policy.Loaded((int)frame);
                return false;
            }

            machine.Clock.Advance(machine.Description.Costs.MajorFault);
        }
        else if (AnyDirtyShared(kernel, mappers))
        {
            var (fileId, offset) = frames.FilePageOf(frame);
            kernel.Files.WriteBack(fileId, offset, machine.Memory.ExportFrame(frame) ?? new byte[machine.Description.PageSize]);
            kernel.Counters.VmStat.NrVmscanWrite++;
            machine.Clock.Advance(machine.Description.Costs.MajorFault);
        }

        var replacement = swapSlot == 0 ? 0 : kernel.SwapEntry(swapSlot);
        foreach (var mapper in mappers)
        {
            kernel.WriteLeafEntry(mapper.Pid, mapper.Slot, mapper.Va, replacement);
            frames.RemoveMapping(frame);
        }

        var va = use == FrameUse.Anonymous ? frames.VirtualAddressOf(frame) : mappers.Count > 0 ? mappers[0].Va : 0;
        kernel.FreeDataFrame(frame);
        kernel.Counters.Evictions++;
        kernel.Publish(new PageEvicted(frame, va, swapSlot));
        return true;
    }

    // Whether a mapper wrote the page through a shared mapping (then the file needs it back). A loop, not a
    // lambda: capturing the kernel would allocate on every eviction.
    internal static bool AnyDirtyShared(KernelCore kernel, List<KernelCore.Mapper> mappers)
    {
        foreach (var m in mappers)
        {
            if ((kernel.DecodeLeaf(m.Entry) & PteBits.Dirty) != 0 && kernel.MmOf(m.Pid).Vmas.Find(m.Va) is { Shared: true })
            {
                return true;
            }
        }

        return false;
    }
}
