namespace VmQuest.Engine.Machine.Ostep;

/// <summary>
/// An OSTEP paging homework problem as read from the simulator's output (without <c>-c</c>). For
/// <see cref="OstepProblemKind.Linear"/>: sizes and <see cref="PageTable"/>; for
/// <see cref="OstepProblemKind.Multilevel"/>: <see cref="Memory"/> (the page dump) and <see cref="Pdbr"/>.
/// Guarantees: sizes are powers of two, the table has address-space/page-size entries, the dump covers every
/// frame. <see cref="OstepProblemReader"/> is the only producer.
/// </summary>
/// <param name="Kind">Which simulator.</param>
/// <param name="AddressSpaceSize">Bytes of virtual address space.</param>
/// <param name="PhysicalMemorySize">Bytes of physical memory.</param>
/// <param name="PageSize">Bytes per page.</param>
/// <param name="PageTable">Linear: the raw 32-bit entries, VPN 0 first (empty for multilevel).</param>
/// <param name="Memory">Multilevel: the whole physical memory (empty for linear).</param>
/// <param name="Pdbr">Multilevel: page number of the page directory.</param>
/// <param name="Questions">The virtual addresses asked, in order.</param>
public sealed record OstepProblem(OstepProblemKind Kind, ulong AddressSpaceSize, ulong PhysicalMemorySize, ulong PageSize,
    IReadOnlyList<uint> PageTable, IReadOnlyList<byte> Memory, ulong Pdbr, IReadOnlyList<OstepQuestion> Questions);
