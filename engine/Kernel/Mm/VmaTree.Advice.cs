namespace VmQuest.Engine.Kernel.Mm;

/// <summary>The VMA side of <c>madvise(MADV_HUGEPAGE / MADV_NOHUGEPAGE)</c>: a vm_flags change like mprotect's.</summary>
public sealed partial class VmaTree
{
    /// <summary>
    /// Sets or clears VM_HUGEPAGE on every mapped byte of [<paramref name="start"/>, <paramref name="end"/>), splitting
    /// the VMAs at the boundaries and merging afterwards (Linux's <c>madvise_update_vma</c>, through
    /// <c>vma_modify_flags</c>). Holes are skipped; returns false when there was one (madvise then answers ENOMEM,
    /// having changed the mapped parts, as <c>madvise_walk_vmas</c> does).
    /// </summary>
    public bool SetHugePage(ulong start, ulong end, bool hugePage)
    {
        CheckRange(start, end);
        var fullyMapped = IsFullyMapped(start, end);
        SplitAt(start);
        SplitAt(end);
        var first = LastStartingAtOrBelow(start);
        if (first < 0 || EndAt(first) <= start)
        {
            first++;
        }

        var last = first;
        for (; last < _index.Count && _index[last].Start < end; last++)
        {
            World.Get<VmaFlags>(_index[last].Entity).HugePage = hugePage;
        }

        // Merge from the right so indexes to the left stay valid.
        for (var i = Math.Min(last, _index.Count - 1); i >= Math.Max(first - 1, 0); i--)
        {
            MergeAround(i);
        }

        return fullyMapped;
    }
}
