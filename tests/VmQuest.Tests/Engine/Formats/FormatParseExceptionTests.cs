using VmQuest.Engine.Formats;

namespace VmQuest.Tests.Engine.Formats;

public sealed class FormatParseExceptionTests
{
    [Fact]
    public void Message_LineAndColumn_IsOneLineWithPosition()
    {
        var e = new FormatParseException("a.txt", 12, 5, "a hex address", "zz\nfake: line");
        Assert.Equal("a.txt:12:5: expected a hex address, found \"zz\\nfake: line\"", e.Message);
    }

    [Fact]
    public void Message_EmptyFound_SaysEndOfLine()
    {
        Assert.Equal("f:1:9: expected a decimal size, found end of line", new FormatParseException("f", 1, 9, "a decimal size", string.Empty).Message);
    }

    [Fact]
    public void Message_LongFound_IsTruncated()
    {
        var e = new FormatParseException("f", 2, 0, "x", new string('a', 500));
        Assert.True(e.Message.Length < 100);
        Assert.StartsWith("f:2: expected x, found \"aaaa", e.Message, StringComparison.Ordinal);
    }
}
