using VmQuest.Screens.Play.Widgets;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.Screens.Play.Widgets;

public sealed class TextBlockTests
{
    // The recording backend measures a character as half the size wide: at size 10, 5 px a character.
    private static readonly RecordingRenderBackend Backend = new();

    [Fact]
    public void Wrap_English_BreaksAtSpacesWithinTheWidth()
    {
        var lines = TextBlock.Wrap(Backend, "frame 0 holds a page table", 10, 60);
        Assert.Equal(["frame 0", "holds a page", "table"], lines);
        Assert.All(lines, l => Assert.True(l.Length * 5 <= 60, l));
    }

    [Fact]
    public void Wrap_Chinese_BreaksBetweenCharacters_ButNeverBeforeAClosingMark()
    {
        var lines = TextBlock.Wrap(Backend, "只有缺页且内存已满时内核才会问你。", 10, 80);
        Assert.Equal(["只有缺页且内存已满时内核才会问", "你。"], lines);
        Assert.DoesNotContain(lines, l => l.StartsWith('。'));
    }

    [Fact]
    public void Wrap_OneLongWord_StaysWhole()
    {
        Assert.Equal(["0x0000000010005000"], TextBlock.Wrap(Backend, "0x0000000010005000", 10, 20));
    }
}
