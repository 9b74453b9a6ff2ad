namespace VmQuest.Engine.Ecs;

/// <summary>Thrown when a handle names an entity that was destroyed (or never existed in this world).</summary>
public sealed class StaleEntityException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="entity"/>.</summary>
    public StaleEntityException(Entity entity)
        : base($"{entity} is not alive: it was destroyed, or it belongs to another world.") => Entity = entity;

    /// <summary>The stale handle.</summary>
    public Entity Entity { get; }
}

/// <summary>Thrown when an entity lacks a component that was read, set or removed, or already has one that was added.</summary>
public sealed class ComponentMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception with a message naming the entity and component type.</summary>
    public ComponentMismatchException(string message) : base(message)
    {
    }

    internal static ComponentMismatchException Missing(Entity entity, Type component) =>
        new($"{entity} has no {component.Name} component.");

    internal static ComponentMismatchException Duplicate(Entity entity, Type component) =>
        new($"{entity} already has a {component.Name} component; use Set to change it.");
}

/// <summary>
/// Thrown when entities are created, destroyed, or gain or lose components while a query is iterating;
/// such changes move entities between chunks under the iterator. Record them in a CommandBuffer instead.
/// </summary>
public sealed class StructuralChangeException : InvalidOperationException
{
    /// <summary>Creates the exception naming the attempted operation.</summary>
    public StructuralChangeException(string operation)
        : base($"{operation} is a structural change and a query is iterating; record it in a CommandBuffer and play it back after the query.")
    {
    }
}

/// <summary>Thrown when a resource that was never set is read.</summary>
public sealed class MissingResourceException : InvalidOperationException
{
    /// <summary>Creates the exception naming the resource type.</summary>
    public MissingResourceException(Type resource)
        : base($"The world has no {resource.Name} resource; call SetResource first.")
    {
    }
}
