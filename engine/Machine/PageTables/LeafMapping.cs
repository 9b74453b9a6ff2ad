using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Machine.PageTables;

/// <summary>A present leaf entry found in the raw tables: which page it maps, where it lives, what it says.</summary>
/// <param name="VirtualAddress">First virtual address of the page (sign-extended on canonical machines).</param>
/// <param name="Level">Level of the leaf entry.</param>
/// <param name="PageShift">log2 of the page size.</param>
/// <param name="EntryAddress">Physical address of the entry.</param>
/// <param name="Entry">Raw entry value.</param>
/// <param name="Frame">Base-page frame number of the first byte.</param>
/// <param name="Flags">Decoded flags.</param>
public readonly record struct LeafMapping(ulong VirtualAddress, int Level, int PageShift, ulong EntryAddress,
    ulong Entry, ulong Frame, PteBits Flags);
