using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace VmQuest.Engine.Ecs.Inspection;

/// <summary>
/// Lists any entity's components with their public fields (DESIGN.md §2: components are plain structs with
/// public fields, so the fields are the whole state). Works on any <see cref="World"/> and any component type, so
/// a new kind of entity shows up in the inspector without code here. Reflection and one boxed copy per component:
/// inspection is something a person asks for, never a per-tick cost.
/// </summary>
public static class EntityInspector
{
    // Deep enough for a component holding a range holding two addresses; a deeper struct prints its ToString.
    private const int MaxNesting = 4;

    // Trimming may drop fields nothing but reflection reads; the inspector is a debugging aid and says so.
    private const string ReflectsOverFields = "Reads component fields by reflection; a trimmed build may have removed fields only reflection reads.";

    /// <summary>The components of <paramref name="entity"/> (live in <paramref name="world"/>), in archetype column order.</summary>
    [RequiresUnreferencedCode(ReflectsOverFields)]
    public static EntityReport Inspect(World world, Entity entity)
    {
        ArgumentNullException.ThrowIfNull(world);
        var components = new List<ComponentReport>();
        foreach (var type in world.ComponentTypesOf(entity))
        {
            var fields = new List<FieldReport>();
            AddFields(fields, "", type.Type, world.ReadBoxed(entity, type), 0);
            components.Add(new ComponentReport(type.Type.Name, fields));
        }

        return new EntityReport(entity, components);
    }

    /// <summary>The public instance fields of <paramref name="type"/> in declaration order.</summary>
    [RequiresUnreferencedCode(ReflectsOverFields)]
    public static IReadOnlyList<FieldInfo> FieldsOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);

        // Reflection promises no order; metadata tokens follow the source's declaration order.
        return [.. type.GetFields(BindingFlags.Public | BindingFlags.Instance).OrderBy(f => f.MetadataToken)];
    }

    [RequiresUnreferencedCode(ReflectsOverFields)]
    private static void AddFields(List<FieldReport> into, string prefix, Type type, object value, int depth)
    {
        foreach (var field in FieldsOf(type))
        {
            var name = prefix + field.Name;
            var fieldValue = field.GetValue(value);
            if (fieldValue is not null && ExpandsInto(field.FieldType) && depth < MaxNesting)
            {
                AddFields(into, name + ".", field.FieldType, fieldValue, depth + 1);
            }
            else
            {
                into.Add(new FieldReport(name, FieldValueText.Format(field.Name, fieldValue)));
            }
        }
    }

    // A nested struct of the simulation's own is shown field by field; the runtime's structs (Entity, numbers,
    // enums, Nullable) have a readable form of their own.
    [RequiresUnreferencedCode(ReflectsOverFields)]
    private static bool ExpandsInto(Type type) =>
        type.IsValueType && !type.IsPrimitive && !type.IsEnum && type != typeof(Entity) && type != typeof(decimal)
        && Nullable.GetUnderlyingType(type) is null && type.Namespace?.StartsWith("System", StringComparison.Ordinal) != true
        && FieldsOf(type).Count > 0;
}
