using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Machine.Entities;

/// <summary>Sent by whoever edits page tables (via <see cref="MachineWorld"/>): the leaf for this page may have changed.</summary>
/// <param name="Owner">Address-space entity.</param>
/// <param name="VirtualAddress">Any address in the page.</param>
public readonly record struct PteWritten(Entity Owner, ulong VirtualAddress);
