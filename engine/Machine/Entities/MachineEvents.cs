using VmQuest.Engine.Ecs;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Machine.Entities;

/// <summary>A request to access memory this tick, read by <see cref="MemoryAccessTranslateSystem"/>.</summary>
/// <param name="Owner">Address-space entity the access runs in (CR3 is loaded from it if needed).</param>
/// <param name="VirtualAddress">The address.</param>
/// <param name="Access">Read, write or fetch.</param>
/// <param name="Mode">User or kernel.</param>
public readonly record struct MemoryAccessRequested(Entity Owner, ulong VirtualAddress, AccessKind Access, PrivilegeLevel Mode);

/// <summary>One entry read by the walker, for the courier animation and hand-translation levels.</summary>
/// <param name="Owner">Address-space entity.</param>
/// <param name="VirtualAddress">The address being translated.</param>
/// <param name="Step">The step.</param>
public readonly record struct WalkStepped(Entity Owner, ulong VirtualAddress, WalkStep Step);

/// <summary>A successful access: where it landed and whether the TLB served it.</summary>
/// <param name="Owner">Address-space entity.</param>
/// <param name="Translation">The translation.</param>
public readonly record struct MemoryAccessCompleted(Entity Owner, Translation Translation);

/// <summary>A page fault (or #GP for a non-canonical address) for the kernel's fault handler.</summary>
/// <param name="Owner">Address-space entity.</param>
/// <param name="VirtualAddress">Faulting address (CR2).</param>
/// <param name="Kind">Why.</param>
/// <param name="ErrorCode">x86 error code.</param>
/// <param name="Level">Level of the entry that caused it.</param>
public readonly record struct PageFaultRaised(Entity Owner, ulong VirtualAddress, FaultKind Kind, PageFaultErrorCode ErrorCode, int Level);
