using VmQuest.City.Hud;

namespace VmQuest.Tests.Game.City.Hud;

public sealed class ConsoleLineTests
{
    [Fact]
    public void Submit_TypedLine_ReturnedTrimmedKeptInHistoryAndCleared()
    {
        var line = new ConsoleLine();
        line.Open();
        line.Type("  malloc b 8K ");

        Assert.Equal("malloc b 8K", line.Submit());
        Assert.Equal("", line.Typed);
        Assert.Equal(["malloc b 8K"], line.History);
        Assert.Null(line.Submit()); // an empty line runs nothing
    }

    [Fact]
    public void Recall_UpThenDown_WalksTheHistoryNewestFirstThenBackToEmpty()
    {
        var line = new ConsoleLine();
        line.Open();
        line.Type("malloc b 8K");
        line.Submit();
        line.Type("write b = 3");
        line.Submit();

        line.Recall(older: true);
        Assert.Equal("write b = 3", line.Typed);
        line.Recall(older: true);
        Assert.Equal("malloc b 8K", line.Typed);
        line.Recall(older: true);
        Assert.Equal("malloc b 8K", line.Typed);
        line.Recall(older: false);
        Assert.Equal("write b = 3", line.Typed);
        line.Recall(older: false);
        Assert.Equal("", line.Typed);
    }

    [Fact]
    public void Type_ControlCharactersDroppedAndTheLineCapped()
    {
        var line = new ConsoleLine();
        line.Type("a\tb\n");
        Assert.Equal("ab", line.Typed);
        line.Type(new string('x', 500));
        Assert.Equal(ConsoleLine.MaxLength, line.Typed.Length);
        line.Backspace();
        Assert.Equal(ConsoleLine.MaxLength - 1, line.Typed.Length);
    }
}
