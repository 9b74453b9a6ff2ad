namespace VmQuest.Engine.Ecs;

/// <summary>
/// The source of a run of derived entities (<see cref="World.AddDerived"/>): entities whose existence and
/// components are computed from state their owner keeps anyway, instead of being stored in the world's chunks.
/// The kernel's PTE entities are the example: a PTE is live while its raw entry in simulated memory is non-zero,
/// and its components follow from the page table it sits in and its index there. Storing them would mean a
/// structural change and ~60 bytes per mapped page, for facts the tables already hold.
/// <para>
/// Derived entities are read like any other (<see cref="World.IsAlive"/>, <see cref="World.Has{T}"/>,
/// <see cref="World.TryGet{T}"/>, the inspector's reads) but never written through the world, and queries do not
/// visit them: their owner enumerates them.
/// </para>
/// </summary>
public interface IDerivedEntities
{
    /// <summary>The component types every live member has, in a fixed order.</summary>
    IReadOnlyList<ComponentType> ComponentTypes { get; }

    /// <summary>The version of the live member at <paramref name="index"/>, or 0 when that member is not live.</summary>
    int LiveVersion(int index);

    /// <summary>A copy of the live member's <paramref name="type"/> component, boxed (inspection only).</summary>
    object ReadBoxed(int index, ComponentType type);
}
