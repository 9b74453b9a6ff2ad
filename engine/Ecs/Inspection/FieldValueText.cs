using System.Globalization;

namespace VmQuest.Engine.Ecs.Inspection;

/// <summary>
/// How a field's value reads in an inspector. The conventions, so a reader can tell an address from a count:
/// <list type="bullet">
/// <item>Integers print in hex (<c>0x7ffd…</c>) when the field's name ends in a word that names an address or raw
/// bits — <see cref="HexWords"/>: <c>VirtualAddress</c>, <c>VirtualPage</c>, <c>Root</c>, <c>Start</c>, <c>End</c>, <c>Entry</c>,
/// <c>FileOffset</c>, <c>Flags</c>… — and in decimal otherwise (<c>Pid</c>, <c>MapCount</c>, <c>Frame</c>,
/// <c>PteCount</c>: the last word decides). Negative values are always decimal.</item>
/// <item>Enums by name (flags as <c>A, B</c>); <c>bool</c> as <c>true</c>/<c>false</c>; strings quoted; <c>null</c> as
/// <c>null</c>; an <see cref="Entity"/> as <c>#id.version</c> (<c>none</c> for <see cref="Entity.Null"/>).</item>
/// <item>A reference to an object other than a string is not followed (one process's address space would fill
/// the screen): it prints as <c>&lt;TypeName&gt;</c>, an array as <c>TypeName[length]</c>.</item>
/// </list>
/// Nested structs are expanded by <see cref="EntityInspector"/>, not here.
/// </summary>
public static class FieldValueText
{
    /// <summary>The last words of a field name that make an integer print in hex.</summary>
    public static IReadOnlySet<string> HexWords { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Address", "Addr", "Page", "Va", "Pa", "Root", "Start", "End", "Entry", "Pte", "Offset", "Flags", "Bits", "Mask",
        "Cr3", "Satp", "Base",
    };

    /// <summary>Formats <paramref name="value"/> of the field named <paramref name="fieldName"/>.</summary>
    public static string Format(string fieldName, object? value)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        return value switch
        {
            null => "null",
            string text => $"\"{text}\"",
            bool flag => flag ? "true" : "false",
            char c => $"'{c}'",
            Entity entity => Of(entity),
            Enum e => e.ToString(),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            Array array => $"{array.GetType().GetElementType()!.Name}[{array.Length}]",
            _ when IsInteger(value) => Integer(fieldName, value),
            IFormattable formattable when value.GetType().IsValueType => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ when value.GetType().IsValueType => value.ToString() ?? "",
            _ => $"<{value.GetType().Name}>",
        };
    }

    /// <summary>An entity handle as <c>#id.version</c>, or <c>none</c> for <see cref="Entity.Null"/>.</summary>
    public static string Of(Entity entity) =>
        entity.IsNull ? "none" : string.Create(CultureInfo.InvariantCulture, $"#{entity.Id}.{entity.Version}");

    /// <summary>True when an integer field named <paramref name="fieldName"/> prints in hex (its last word is one of <see cref="HexWords"/>).</summary>
    public static bool IsHexName(string fieldName)
    {
        ArgumentNullException.ThrowIfNull(fieldName);

        // The last word starts at the last capital ("VirtualAddress" → "Address"; "Cr3" keeps its digit).
        var start = 0;
        for (var i = fieldName.Length - 1; i > 0; i--)
        {
            if (char.IsUpper(fieldName[i]))
            {
                start = i;
                break;
            }
        }

        return HexWords.Contains(fieldName[start..]);
    }

    private static bool IsInteger(object value) =>
        value is byte or sbyte or short or ushort or int or uint or long or ulong or nint or nuint;

    private static string Integer(string fieldName, object value)
    {
        var negative = value is sbyte or short or int or long or nint && Convert.ToInt64(value, CultureInfo.InvariantCulture) < 0;
        if (!negative && IsHexName(fieldName))
        {
            var bits = value is nuint n ? (ulong)n : value is nint i ? (ulong)i : Convert.ToUInt64(value, CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"0x{bits:x}");
        }

        return ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture);
    }
}
