using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Machine.Walk;

/// <summary>
/// Outcome of translating one virtual address. Either <see cref="Fault"/> is <see cref="FaultKind.None"/> and
/// <see cref="PhysicalAddress"/> is valid, or it names the fault and <see cref="ErrorCode"/> holds the x86 error
/// code and <see cref="Level"/> the level whose entry caused it (-1 before the walk started).
/// </summary>
/// <param name="VirtualAddress">The address translated.</param>
/// <param name="PhysicalAddress">The physical address (0 on a fault).</param>
/// <param name="Fault">Why it failed, or None.</param>
/// <param name="ErrorCode">x86 page-fault error code (faults only).</param>
/// <param name="Level">Level of the leaf (success) or of the faulting entry.</param>
/// <param name="PageShift">log2 of the mapped page size (success only; larger for huge pages).</param>
/// <param name="TlbHit">Whether the TLB supplied the translation.</param>
/// <param name="Effective">Effective permissions of the whole walk (Writable, User, NoExecute, Global, Dirty);
/// success only.</param>
/// <param name="ReadableFlag">Whether reads are allowed (false only for RISC-V pages without R).</param>
public readonly record struct Translation(ulong VirtualAddress, ulong PhysicalAddress, FaultKind Fault,
    PageFaultErrorCode ErrorCode, int Level, int PageShift, bool TlbHit, PteBits Effective = PteBits.None,
    bool ReadableFlag = true)
{
    /// <summary>Whether the translation succeeded.</summary>
    public bool IsOk => Fault == FaultKind.None;

    /// <summary>A fault result.</summary>
    public static Translation Failed(ulong va, FaultKind fault, PageFaultErrorCode code, int level) =>
        new(va, 0, fault, code, level, 0, false);

    /// <summary>The frame-aligned physical base of the mapped page (success only).</summary>
    public ulong PageBase => PhysicalAddress & ~((1UL << PageShift) - 1);
}
