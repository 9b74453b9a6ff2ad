using VmQuest.Engine.Ecs;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Translation;

/// <summary>
/// A request to access memory this tick in a process's address space (a player's or a level's "touch this
/// address"), served by <see cref="MemoryAccessTranslateSystem"/>.
/// </summary>
/// <param name="Process">The process entity (its <see cref="Processes.ProcessMemory"/> gives CR3 and the PCID).</param>
/// <param name="VirtualAddress">The address.</param>
/// <param name="Access">Read, write or fetch.</param>
/// <param name="Width">Bytes accessed (1–8); an access crossing a page touches both pages.</param>
/// <param name="Value">For a write, the value stored; null dirties the page without storing bytes.</param>
public readonly record struct MemoryAccessRequested(Entity Process, ulong VirtualAddress, AccessKind Access, int Width = 8, ulong? Value = null);

/// <summary>
/// A requested access after translation, the fault handling it needed and the retry: completed (with the value
/// read or written and where it landed), killed, or waiting for a decision.
/// </summary>
/// <param name="Process">The process entity.</param>
/// <param name="VirtualAddress">The address.</param>
/// <param name="Result">What happened.</param>
public readonly record struct MemoryAccessServed(Entity Process, ulong VirtualAddress, AccessResult Result);

/// <summary>One entry the walker read while serving a <see cref="MemoryAccessRequested"/> (for the courier animation and hand-translation levels).</summary>
/// <param name="Process">The process entity.</param>
/// <param name="VirtualAddress">The address being translated.</param>
/// <param name="Step">The step: level, entry address, entry.</param>
public readonly record struct WalkStepped(Entity Process, ulong VirtualAddress, WalkStep Step);
