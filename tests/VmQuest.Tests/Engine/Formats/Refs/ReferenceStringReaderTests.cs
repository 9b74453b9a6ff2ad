using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Refs;

namespace VmQuest.Tests.Engine.Formats.Refs;

public sealed class ReferenceStringReaderTests
{
    [Fact]
    public void Parse_BeladySequenceWithCommentsAndHex_ReadsPagesInOrder()
    {
        const string Text = "# Belady's anomaly (DESIGN.md §7)\n1\n2\n3\n4\n\n1 # again\n2\n0x5\n  1\n2\t\n3\n4\n0X5\n";
        Assert.Equal([1UL, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5], ReferenceStringReader.Parse(Text, "belady.refs"));
    }

    [Fact]
    public void Parse_LargestPageNumber_Accepted()
    {
        Assert.Equal([ulong.MaxValue, ulong.MaxValue], ReferenceStringReader.Parse("18446744073709551615\n0xffffffffffffffff", "big"));
    }

    [Theory]
    [InlineData("1 2", 1, "1 2")]
    [InlineData("  -3", 3, "-3")]
    [InlineData("0x", 1, "0x")]
    [InlineData("0xg1", 1, "0xg1")]
    [InlineData("12a", 1, "12a")]
    [InlineData("18446744073709551616", 1, "18446744073709551616")]
    [InlineData("+4", 1, "+4")]
    public void Parse_BadLine_ThrowsWithFileLineColumn(string bad, int column, string found)
    {
        var e = Assert.Throws<FormatParseException>(() => ReferenceStringReader.Parse("# header\n7\n" + bad + "\n8\n", "r.refs"));
        Assert.Equal(3, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(found, e.Found);
        Assert.Equal($"r.refs:3:{column}: expected a page number (decimal, or hex with 0x), one per line, found \"{found}\"", e.Message);
    }

    [Fact]
    public void ReadFile_WrittenFile_RoundTrips()
    {
        string path = Path.Combine(Path.GetTempPath(), "vmquest-refs-" + Guid.NewGuid().ToString("N") + ".refs");
        try
        {
            File.WriteAllText(path, "0\r\n7\r\n0x10\r\n");
            Assert.Equal([0UL, 7, 16], ReferenceStringReader.ReadFile(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadFile_Missing_ThrowsFormatException()
    {
        var e = Assert.Throws<FormatParseException>(() => ReferenceStringReader.ReadFile("/nonexistent/x.refs"));
        Assert.Equal("/nonexistent/x.refs: no such file", e.Message);
    }
}
