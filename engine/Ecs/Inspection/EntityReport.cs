namespace VmQuest.Engine.Ecs.Inspection;

/// <summary>Everything an entity holds, as text: its components in archetype column order.</summary>
/// <param name="Entity">The entity inspected.</param>
/// <param name="Components">Its components, in the order its archetype stores them (ascending type id).</param>
public sealed record EntityReport(Entity Entity, IReadOnlyList<ComponentReport> Components);

/// <summary>One component: its type's name and each public field with its value, in declaration order.</summary>
/// <param name="Name">The component type's name (a code name, never translated).</param>
/// <param name="Fields">The public fields; nested structs appear as dotted names (<c>Range.Start</c>). Empty for a tag.</param>
public sealed record ComponentReport(string Name, IReadOnlyList<FieldReport> Fields)
{
    /// <summary>True for a tag component (a struct with no fields: its presence is the fact).</summary>
    public bool IsTag => Fields.Count == 0;
}

/// <summary>One field of a component, formatted by <see cref="FieldValueText"/>.</summary>
/// <param name="Name">The field's code name; a nested struct's fields are <c>Outer.Inner</c>.</param>
/// <param name="Value">The value as text.</param>
public readonly record struct FieldReport(string Name, string Value);
