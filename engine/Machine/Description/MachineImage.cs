namespace VmQuest.Engine.Machine.Description;

/// <summary>
/// An initial machine state that can be saved, loaded and shared: raw bytes of physical memory, the root
/// (CR3) and high-level mappings built with the page-table editor at boot. Applied in that order: memory,
/// then mappings (tables for them are allocated from frames the memory chunks do not touch).
/// </summary>
/// <param name="Root">Physical address of the root table, or null to allocate one for <paramref name="Mappings"/>.</param>
/// <param name="Memory">Bytes to place in physical memory.</param>
/// <param name="Mappings">Pages to map at boot.</param>
public sealed record MachineImage(ulong? Root, IReadOnlyList<MemoryChunk> Memory, IReadOnlyList<MappingSpec> Mappings);

/// <summary>Bytes placed at a physical address when the machine boots.</summary>
/// <param name="Address">Physical byte address of the first byte.</param>
/// <param name="Bytes">The contents.</param>
public sealed record MemoryChunk(ulong Address, IReadOnlyList<byte> Bytes);

/// <summary>A page mapped at boot: virtual address, frame, flags and the level of its leaf entry.</summary>
/// <param name="VirtualAddress">Page-aligned (for its size) virtual address.</param>
/// <param name="Frame">Base-page frame number of the first byte.</param>
/// <param name="Flags">Leaf flags (Present is implied).</param>
/// <param name="LeafLevel">Level of the leaf entry: the last level for a base page, higher for a huge page.</param>
public sealed record MappingSpec(ulong VirtualAddress, ulong Frame, PteBits Flags, int LeafLevel);
