namespace VmQuest.City.Inspection;

/// <summary>What a line of the city's entity list shows, which decides its colour and indent.</summary>
public enum InspectorLineKind
{
    /// <summary>The entity: what was selected, its handle and component count.</summary>
    Entity,

    /// <summary>A component type's name.</summary>
    Component,

    /// <summary>One field and its value, indented under its component.</summary>
    Field,

    /// <summary>Why a selected thing has no entity to show.</summary>
    Problem,
}

/// <summary>One line of the city's entity list.</summary>
/// <param name="Text">The text (field names are code names; values follow <see cref="Engine.Ecs.Inspection.FieldValueText"/>).</param>
/// <param name="Kind">What the line is.</param>
public readonly record struct InspectorLine(string Text, InspectorLineKind Kind);
