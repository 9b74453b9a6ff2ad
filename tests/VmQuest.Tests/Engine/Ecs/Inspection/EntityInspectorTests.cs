using VmQuest.Engine.Ecs;
using VmQuest.Engine.Ecs.Inspection;

namespace VmQuest.Tests.Engine.Ecs.Inspection;

public class EntityInspectorTests
{
    [Fact]
    public void Inspect_EntityWithComponents_ListsEachInColumnOrderWithItsFieldsInDeclarationOrder()
    {
        var world = new World();
        var entity = world.Create(new Health(7), new Position(1, 2));

        var report = EntityInspector.Inspect(world, entity);

        Assert.Equal(entity, report.Entity);
        var expected = world.ComponentTypesOf(entity).Select(t => t.Type.Name).ToArray();
        Assert.Equal(expected, report.Components.Select(c => c.Name).ToArray());
        var position = report.Components.Single(c => c.Name == nameof(Position));
        Assert.Equal(new[] { new FieldReport("X", "1"), new FieldReport("Y", "2") }, position.Fields);
        Assert.Equal(new[] { new FieldReport("Value", "7") }, report.Components.Single(c => c.Name == nameof(Health)).Fields);
    }

    [Fact]
    public void Inspect_TagComponent_HasNoFields()
    {
        var world = new World();
        var entity = world.Create(new Health(1), default(Frozen));

        var tag = EntityInspector.Inspect(world, entity).Components.Single(c => c.Name == nameof(Frozen));

        Assert.True(tag.IsTag);
    }

    [Fact]
    public void Inspect_NestedStructsAndEntities_ExpandWithDottedNames()
    {
        var world = new World();
        var owner = world.Create(new Health(1));
        var entity = world.Create(new InspectedArea { Range = new InspectedRange { Start = 0x400000, End = 0x401000 }, Owner = owner, Name = null });

        var fields = EntityInspector.Inspect(world, entity).Components.Single().Fields;

        Assert.Equal(
            new[]
            {
                new FieldReport("Range.Start", "0x400000"),
                new FieldReport("Range.End", "0x401000"),
                new FieldReport("Owner", FieldValueText.Of(owner)),
                new FieldReport("Name", "null"),
            },
            fields);
    }

    [Fact]
    public void Inspect_EntityWithNoComponents_ReportsNone()
    {
        var world = new World();
        var entity = world.Create();

        Assert.Empty(EntityInspector.Inspect(world, entity).Components);
    }

    [Fact]
    public void Lines_Report_HeadThenComponentsThenIndentedFields()
    {
        var world = new World();
        var entity = world.Create(new Position(1, 2), default(Frozen));

        var lines = EntityReportText.Lines("thing", EntityInspector.Inspect(world, entity)).ToList();

        Assert.Equal($"thing · entity {FieldValueText.Of(entity)} · 2 components", lines[0]);
        Assert.Contains("Position", lines);
        Assert.Contains("  X = 1", lines);
        Assert.Contains("Frozen (tag)", lines);
        Assert.Equal(lines.IndexOf("Position") + 1, lines.IndexOf("  X = 1"));
    }

    [Fact]
    public void Inspect_DeadEntity_Throws()
    {
        var world = new World();
        var entity = world.Create(new Health(1));
        world.Destroy(entity);

        Assert.Throws<StaleEntityException>(() => EntityInspector.Inspect(world, entity));
    }

    internal struct InspectedRange
    {
        public ulong Start;
        public ulong End;
    }

    internal struct InspectedArea
    {
        public InspectedRange Range;
        public Entity Owner;
        public string? Name;
    }
}
