using VmQuest.Engine.Ecs;
using VmQuest.Engine.Ecs.Inspection;

namespace VmQuest.Tests.Engine.Ecs.Inspection;

public class FieldValueTextTests
{
    private static readonly int[] ThreeItems = [1, 2, 3];

    [Theory]
    [InlineData("VirtualAddress", 0x7ffd1000UL, "0x7ffd1000")]
    [InlineData("Root", 0x11c000UL, "0x11c000")]
    [InlineData("Start", 4096UL, "0x1000")]
    [InlineData("FileOffset", 0UL, "0x0")]
    [InlineData("Cr3", 0x5000UL, "0x5000")]
    [InlineData("Frame", 4096UL, "4096")]
    [InlineData("MapCount", 3UL, "3")]
    [InlineData("PteCount", 4096UL, "4096")]
    [InlineData("Pid", 12UL, "12")]
    [InlineData("VirtualPage", 0x7ffff7edb000UL, "0x7ffff7edb000")]
    [InlineData("EntryAddress", 26328UL, "0x66d8")]
    [InlineData("SwapSlot", 17UL, "17")]
    public void Format_UnsignedInteger_HexOnlyWhenTheLastWordNamesAnAddressOrBits(string name, ulong value, string expected) =>
        Assert.Equal(expected, FieldValueText.Format(name, value));

    [Fact]
    public void Format_NegativeIntegerWithAnAddressName_StaysDecimal() =>
        Assert.Equal("-1", FieldValueText.Format("Start", -1L));

    [Fact]
    public void Format_SmallIntegerTypes_FollowTheSameRule()
    {
        Assert.Equal("0xff", FieldValueText.Format("Flags", (byte)255));
        Assert.Equal("4095", FieldValueText.Format("Pcid", (ushort)4095));
        Assert.Equal("0x10", FieldValueText.Format("Entry", 16));
    }

    [Fact]
    public void Format_EnumsBoolsStringsAndNull_ReadAsWords()
    {
        Assert.Equal("Friday", FieldValueText.Format("Day", DayOfWeek.Friday));
        Assert.Equal("ReadOnly, Hidden", FieldValueText.Format("Attributes", FileAttributes.ReadOnly | FileAttributes.Hidden));
        Assert.Equal("true", FieldValueText.Format("OomKilled", true));
        Assert.Equal("\"ls\"", FieldValueText.Format("Name", "ls"));
        Assert.Equal("null", FieldValueText.Format("Mm", null));
        Assert.Equal("'x'", FieldValueText.Format("Letter", 'x'));
    }

    [Fact]
    public void Format_Entity_AsIdDotVersionAndNullAsNone()
    {
        Assert.Equal("#12.3", FieldValueText.Format("Owner", new Entity(12, 3)));
        Assert.Equal("none", FieldValueText.Format("Owner", Entity.Null));
    }

    [Fact]
    public void Format_ReferencesAreNotFollowed_ArraysShowTheirLength()
    {
        Assert.Equal("<Version>", FieldValueText.Format("Thing", new Version(1, 2)));
        Assert.Equal("Int32[3]", FieldValueText.Format("Items", ThreeItems));
    }

    [Fact]
    public void Format_Floats_InvariantRoundTrip() =>
        Assert.Equal("0.5", FieldValueText.Format("Share", 0.5));
}
