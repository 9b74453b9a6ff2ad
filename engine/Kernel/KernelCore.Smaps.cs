using System.Globalization;
using System.Text;
using VmQuest.Engine.Formats.Maps;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// <c>/proc/PID/smaps</c> (Linux's <c>show_smap</c>), for the fields VmQuest models: each VMA's maps line, then
/// <c>Size</c>, <c>KernelPageSize</c>, <c>MMUPageSize</c>, <c>Rss</c>, <c>Anonymous</c>, <c>AnonHugePages</c>,
/// <c>Swap</c> and <c>THPeligible</c>, in the kernel's order and format (the name padded to 16 columns, the value
/// right-aligned in 8). The fields it does not model (Pss, Shared_/Private_, Referenced, KSM, LazyFree, the
/// hugetlb and shmem ones, SwapPss, Locked, VmFlags) are left out rather than made up.
/// </summary>
public sealed partial class KernelCore
{
    /// <summary>The smaps text of <paramref name="pid"/>'s address space now, one block of <c>\n</c>-ended lines per VMA.</summary>
    public string Smaps(int pid)
    {
        var mm = MmOf(pid);
        var text = new StringBuilder();
        var pageKb = (long)(Machine.Description.PageSize >> 10);
        foreach (var area in mm.Vmas.Areas)
        {
            long rss = 0, anonymous = 0, swap = 0;
            Walks.ForEachLeaf(MemoryOf(pid).Root, area.Start, area.End, (_, _, entry) =>
            {
                if (IsSwapEntry(entry))
                {
                    swap += pageKb;
                    return;
                }

                // vm_normal_page answers NULL for the zero page: smaps_pte_entry counts nothing for it.
                var frame = _pte.FrameOf(entry);
                if (_pte.IsPresent(entry) && !IsZeroPage(frame))
                {
                    rss += pageKb;
                    anonymous += Frames.UseOf(frame) == FrameUse.Anonymous ? pageKb : 0;
                }
            });
            var huge = (long)(AnonHugeBytes(pid, area.Start, area.End) >> 10);
            text.Append(MapsWriter.Format([MapsView.ToEntry(area)]));
            Field(text, "Size:", (long)(area.Length >> 10));
            Field(text, "KernelPageSize:", pageKb);
            Field(text, "MMUPageSize:", pageKb);
            Field(text, "Rss:", rss + huge);
            Field(text, "Anonymous:", anonymous + huge);
            Field(text, "AnonHugePages:", huge);
            Field(text, "Swap:", swap);
            text.Append(CultureInfo.InvariantCulture, $"{"THPeligible:",-16}{(ThpEligible(area) ? 1 : 0),8}\n");
        }

        return text.ToString();
    }

    // THPeligible: thp_vma_allowable_orders with TVA_SMAPS, madvise mode — a private anonymous VM_HUGEPAGE VMA that
    // holds at least one 2 MiB-aligned range.
    private bool ThpEligible(in VmArea area)
    {
        var size = HugePageSize;
        if (size == 0 || !area.HugePage || area.Shared || area.IsFileBacked)
        {
            return false;
        }

        var start = (area.Start + size - 1) & ~(size - 1);
        return start < area.End && area.End - start >= size;
    }

    private static void Field(StringBuilder text, string name, long kb) =>
        text.Append(CultureInfo.InvariantCulture, $"{name,-16}{kb,8} kB\n");
}
