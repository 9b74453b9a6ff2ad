using VmQuest.City.Inspection;

namespace VmQuest.Tests.Game.City.Inspection;

public class InspectTargetTests
{
    [Theory]
    [InlineData("pid 3", InspectKind.Process, 3, 0UL, "pid 3")]
    [InlineData("frame 0x1f", InspectKind.Frame, 31, 0UL, "frame 31")]
    [InlineData("vma 1 0x400000", InspectKind.Vma, 1, 0x400000UL, "vma 1 0x400000")]
    [InlineData("  PTE 2   4096 ", InspectKind.Pte, 2, 4096UL, "pte 2 0x1000")]
    [InlineData("entity 12", InspectKind.Entity, 12, 0UL, "entity 12")]
    public void TryParse_EachForm_ReadsKindNumbersAndNormalisedTitle(string text, InspectKind kind, long number, ulong address, string title)
    {
        Assert.True(InspectTarget.TryParse(text, out var target));
        Assert.Equal(new InspectTarget(kind, number, address), target);
        Assert.Equal(title, target.Title);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pid")]
    [InlineData("pid one")]
    [InlineData("pid -1")]
    [InlineData("pid 1 2")]
    [InlineData("vma 1")]
    [InlineData("pte 1 0xzz")]
    [InlineData("process 1")]
    [InlineData("entity 99999999999")]
    public void TryParse_AnythingElse_IsRefused(string text) =>
        Assert.False(InspectTarget.TryParse(text, out _));
}
