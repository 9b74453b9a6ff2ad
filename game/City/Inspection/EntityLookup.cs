using VmQuest.Engine.Ecs;

namespace VmQuest.City.Inspection;

/// <summary>The outcome of looking a target up: the entity, or one line saying why there is none.</summary>
/// <param name="Title">What was asked for (<see cref="InspectTarget.Title"/>).</param>
/// <param name="Entity">The entity found, or <see cref="Entity.Null"/>.</param>
/// <param name="Problem">Why nothing was found (null when found).</param>
/// <param name="Hardware">For a PTE entity, the raw entry it names, decoded (<see cref="RawPteEntry"/>); else null.</param>
public readonly record struct EntityLookup(string Title, Entity Entity, string? Problem, string? Hardware = null)
{
    /// <summary>True when an entity was found.</summary>
    public bool Found => Problem is null;

    /// <summary>A found entity.</summary>
    public static EntityLookup Of(string title, Entity entity) => new(title, entity, null);

    /// <summary>Nothing found, and why.</summary>
    public static EntityLookup Missing(string title, string problem) => new(title, Entity.Null, problem);
}
