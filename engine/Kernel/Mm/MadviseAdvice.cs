namespace VmQuest.Engine.Kernel.Mm;

/// <summary>The <c>madvise</c> advice VmQuest follows (Linux's <c>MADV_*</c> values in the comments).</summary>
public enum MadviseAdvice
{
    /// <summary><c>MADV_HUGEPAGE</c> (14): set VM_HUGEPAGE, so faults may map transparent huge pages.</summary>
    HugePage,

    /// <summary><c>MADV_NOHUGEPAGE</c> (15): clear VM_HUGEPAGE; huge pages already mapped stay (Linux does not split them).</summary>
    NoHugePage,

    /// <summary><c>MADV_DONTNEED</c> (4): drop the range's pages (a private page reads as zeros again), splitting a huge page it covers only in part.</summary>
    DontNeed,
}
