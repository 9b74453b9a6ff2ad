using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel;

/// <summary>Lookups of VMA entities (the inspector's way from an address to the VMA's components).</summary>
public sealed partial class KernelCore
{
    /// <summary>
    /// The entity of <paramref name="pid"/>'s VMA containing <paramref name="va"/>, or <see cref="Entity.Null"/>
    /// when there is no such process, it has exited, or no VMA contains the address.
    /// </summary>
    public Entity VmaEntityAt(int pid, ulong va) =>
        Exists(pid) && MemoryOf(pid).Mm is { } mm ? mm.Vmas.EntityContaining(va) : Entity.Null;
}
