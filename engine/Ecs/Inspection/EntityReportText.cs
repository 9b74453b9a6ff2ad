using System.Globalization;

namespace VmQuest.Engine.Ecs.Inspection;

/// <summary>An <see cref="EntityReport"/> as plain text lines: the entity, then each component and its fields indented.</summary>
public static class EntityReportText
{
    /// <summary>
    /// The lines for <paramref name="report"/>, headed by <paramref name="title"/> (what was asked for, e.g. <c>pid 1</c>):
    /// <code>
    /// pid 1 · entity #0.1 · 2 components
    /// ProcessInfo
    ///   Pid = 1
    /// </code>
    /// </summary>
    public static IReadOnlyList<string> Lines(string title, EntityReport report)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(report);
        var count = report.Components.Count;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"{title} · entity {FieldValueText.Of(report.Entity)} · {count} component{(count == 1 ? "" : "s")}"),
        };
        foreach (var component in report.Components)
        {
            lines.Add(component.IsTag ? $"{component.Name} (tag)" : component.Name);
            foreach (var field in component.Fields)
            {
                lines.Add($"  {field.Name} = {field.Value}");
            }
        }

        return lines;
    }
}
