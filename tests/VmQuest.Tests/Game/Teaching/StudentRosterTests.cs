using VmQuest.Engine.Formats;
using VmQuest.Teaching;

namespace VmQuest.Tests.Game.Teaching;

public class StudentRosterTests
{
    [Fact]
    public void Parse_BlankLinesCommentsAndCrLf_SkippedIdsInOrder()
    {
        var ids = StudentRoster.Parse("# class 3b\r\nalice\r\n\r\n  bob.smith  \n# late\nc_3-x\n", "roster.txt");

        Assert.Equal(["alice", "bob.smith", "c_3-x"], ids);
    }

    [Theory]
    [InlineData("../etc", 2)]
    [InlineData(".hidden", 2)]
    [InlineData("a b", 2)]
    [InlineData("a/b", 2)]
    [InlineData("émile", 2)]
    [InlineData("-rf", 2)]
    public void Parse_UnsafeId_RefusedWithFileAndLine(string id, int line)
    {
        var e = Assert.Throws<FormatParseException>(() => StudentRoster.Parse($"alice\n{id}\n", "roster.txt"));

        Assert.Equal($"roster.txt:{line}:1: expected {StudentRoster.IdRule}, found \"{id}\"", e.Message);
    }

    [Fact]
    public void Parse_DuplicateIgnoringCase_RefusedNamingTheFirstLine()
    {
        var e = Assert.Throws<FormatParseException>(() => StudentRoster.Parse("alice\nbob\n\nAlice\n", "roster.txt"));

        Assert.Equal("roster.txt:4:1: student id 'Alice' is already on line 1 (ids are compared ignoring case); each student once", e.Message);
    }

    [Fact]
    public void Parse_OnlyComments_RefusedAsEmpty()
    {
        var e = Assert.Throws<FormatParseException>(() => StudentRoster.Parse("# nobody yet\n\n", "roster.txt"));

        Assert.StartsWith("roster.txt: no student ids", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLongId_Refused()
    {
        string id = new('a', 65);

        Assert.Throws<FormatParseException>(() => StudentRoster.Parse(id, "roster.txt"));
        Assert.Equal([new string('a', 64)], StudentRoster.Parse(new string('a', 64), "roster.txt"));
    }
}
