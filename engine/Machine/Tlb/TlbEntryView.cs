namespace VmQuest.Engine.Machine.Tlb;

/// <summary>A copy of one valid TLB entry, for the TLB board and for invariant checks.</summary>
/// <param name="Set">Set index.</param>
/// <param name="Way">Way within the set.</param>
/// <param name="VirtualBase">First virtual address the entry covers.</param>
/// <param name="PhysicalBase">First physical address it maps to.</param>
/// <param name="PageShift">log2 of the page size.</param>
/// <param name="Pcid">Address-space tag.</param>
/// <param name="Writable">Cached write permission.</param>
/// <param name="User">Cached user permission.</param>
/// <param name="NoExecute">Cached no-execute.</param>
/// <param name="Global">Matches every PCID and survives CR3 loads.</param>
/// <param name="Dirty">The page was already dirty when cached.</param>
public readonly record struct TlbEntryView(int Set, int Way, ulong VirtualBase, ulong PhysicalBase, int PageShift,
    ushort Pcid, bool Writable, bool User, bool NoExecute, bool Global, bool Dirty);
