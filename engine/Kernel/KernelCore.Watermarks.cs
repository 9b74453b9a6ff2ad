using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Kernel.Reclaim.Linux;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// Linux's reclaim around the <c>linux</c> policy's lists: the zone's watermarks, the allocator's checks against them
/// (kswapd woken at or below <i>low</i>, direct reclaim at or below <i>min</i>), kswapd's balancing, and the young
/// bits the lists are ordered by (<c>folio_referenced</c>).
/// </summary>
public sealed partial class KernelCore
{
    /// <summary>The machine's watermarks, computed at boot as Linux 6.18 computes them for one zone of its managed frames.</summary>
    public ZoneWatermarks Watermarks { get; }

    /// <summary>
    /// Whether allocations check the watermarks and kswapd runs: only under the <c>linux</c> policy, and only on a zone
    /// larger than twice its high watermark plus one direct-reclaim batch (under 160 frames of 4 KiB, where Linux's
    /// 128 KiB floor would keep most of memory free, reclaim happens only when memory is full, as for the textbook policies).
    /// </summary>
    public bool WatermarkReclaim { get; }

    /// <summary>True when an allocation found free frames at or below the low watermark and kswapd has not run since (<c>wakeup_kswapd</c>).</summary>
    public bool KswapdWoken { get; private set; }

    /// <summary>
    /// kswapd's <c>balance_pgdat</c>, when it was woken: reclaims pages (counted as <c>pgscan_kswapd</c> and
    /// <c>pgsteal_kswapd</c>) until free frames are above the high watermark or nothing more can be reclaimed, then
    /// sleeps until woken again. Run once per tick by <see cref="KswapdReclaimSystem"/> (and by <c>vmquest run</c> after
    /// each step). Returns the pages reclaimed.
    /// </summary>
    public int RunKswapd()
    {
        if (!KswapdWoken)
        {
            return 0;
        }

        KswapdWoken = false;
        var stat = Counters.VmStat;
        stat.Pageoutrun++;
        stat.InKswapd = true;
        var reclaimed = 0;
        try
        {
            while ((long)Machine.Frames.FreeCount <= Watermarks.High && Frames.DataFrames > 0 && EvictOne())
            {
                reclaimed++;
            }
        }
        finally
        {
            stat.InKswapd = false;
        }

        return reclaimed;
    }

    // __alloc_pages' watermark checks for one page (zone_watermark_ok fails when free <= mark): at or below low it
    // wakes kswapd (__alloc_pages_slowpath → wake_all_kswapds); at or below min it reclaims itself first
    // (__alloc_pages_direct_reclaim → try_to_free_pages, which asks for SWAP_CLUSTER_MAX pages), counted as
    // allocstall_normal.
    private void CheckWatermarks()
    {
        var free = (long)Machine.Frames.FreeCount;
        if (free > Watermarks.Low)
        {
            return;
        }

        KswapdWoken = true;
        if (free > Watermarks.Min)
        {
            return;
        }

        Counters.VmStat.AllocstallNormal++;
        for (var reclaimed = 0; reclaimed < LinuxLruPolicy.SwapClusterMax && Frames.DataFrames > 0; reclaimed++)
        {
            if (!EvictOne())
            {
                break;
            }
        }
    }

    // folio_referenced → folio_referenced_one → ptep_clear_flush_young_notify: the PTEs that map the frame with the
    // Accessed bit set are counted and the bit cleared. x86's ptep_clear_flush_young does not flush the TLB ("clearing
    // the accessed bit without a TLB flush doesn't cause data corruption"), so a page whose translation stays cached is
    // not marked young again until it is walked again, as on Linux.
    private int FolioReferenced(ulong frame, out bool executable)
    {
        executable = false;
        var accessed = _pte.AccessedMask;
        if (Frames.MapCountOf(frame) == 0)
        {
            return 0;
        }

        var mappers = ReclaimMappers;
        FindMappers(frame, mappers);
        var referenced = 0;
        foreach (var m in mappers)
        {
            if ((m.Entry & accessed) != 0)
            {
                referenced++;
                Machine.Memory.Write(m.Slot, _pte.WidthBytes, m.Entry & ~accessed);
            }

            if (MmOf(m.Pid).Vmas.Find(m.Va) is { } area && (area.Permissions & VmaPermissions.Execute) != 0)
            {
                executable = true;
            }
        }

        return referenced;
    }

    private sealed class PageReferences(KernelCore kernel) : IPageReferences
    {
        public bool IsFile(int frame) => kernel.Frames.UseOf((ulong)frame) == FrameUse.File;

        public bool CanSwap => kernel.Swap.Used < kernel.Swap.Capacity - 1;

        public bool IsDirty(int frame)
        {
            var mappers = kernel.ReclaimMappers;
            kernel.FindMappers((ulong)frame, mappers);
            return ShrinkPageList.AnyDirtyShared(kernel, mappers);
        }

        public int Referenced(int frame, out bool executable) => kernel.FolioReferenced((ulong)frame, out executable);
    }
}
