using VmQuest.Engine.Ecs;
using VmQuest.Engine.Ecs.Inspection;

namespace VmQuest.City.Inspection;

/// <summary>A lookup as text lines: the entity's components when found, else one line saying why not.</summary>
public static class InspectionText
{
    /// <summary>The lines for <paramref name="lookup"/> in <paramref name="world"/>.</summary>
    public static IReadOnlyList<string> Lines(World world, EntityLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (!lookup.Found)
        {
            return [$"{lookup.Title}: {lookup.Problem}"];
        }

        var lines = EntityReportText.Lines(lookup.Title, EntityInspector.Inspect(world, lookup.Entity));
        return lookup.Hardware is { } hardware ? [.. lines, hardware] : lines;
    }
}
