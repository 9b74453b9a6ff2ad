using FsCheck;
using FsCheck.Fluent;
using VmQuest.Play.Policy;
using VmQuest.Play.Policy.Language;

namespace VmQuest.Tests.Game.Play.Policy;

public class PolicyParserTests
{
    [Fact]
    public void Parse_Fifo_IsOneEvictSectionOfSixTokens()
    {
        var program = PolicyParser.Parse(PolicyLibrary.Fifo);

        Assert.Equal(6, program.Size);
        Assert.Null(program.OnLoad);
        Assert.Null(program.OnTick);
        Assert.Single(program.OnEvict);
        Assert.Empty(program.Registers);
    }

    [Fact]
    public void Parse_Aging_HasItsTickPeriodAndOneRegister()
    {
        var program = PolicyParser.Parse(PolicyLibrary.Aging);

        Assert.Equal(4, program.TickEvery);
        Assert.Equal(["age"], program.Registers);
        Assert.Equal(2, program.OnTick!.Count);
        Assert.Equal(31, program.Size);
    }

    [Fact]
    public void Parse_CommentsAndBlankLines_DoNotCountInTheSize()
    {
        var program = PolicyParser.Parse("# a comment\n\n   \non evict scan loaded:   # why\n\n  evict\n");

        Assert.Equal(6, program.Size);
    }

    [Theory]
    [InlineData("", "1:1: expected a policy: at least the section 'on evict scan KEY:'")]
    [InlineData("on load: x = 1\n", "1:1: a policy needs the section 'on evict scan KEY:', which chooses the victim")]
    [InlineData("on evict scan loaded evict\n", "1:22: expected ':' to end the section's header, found \"evict\"")]
    [InlineData("on evict: evict\n", "1:9: expected 'scan KEY' after 'on evict'")]
    [InlineData("on load: evict\non evict scan 0: evict\n", "1:10: 'evict' chooses the victim, so it belongs in 'on evict' only")]
    [InlineData("on evict scan 0:\n  clear dirty\n", "2:9: only 'accessed' can be cleared")]
    [InlineData("on evict scan 0:\n  accessed = 0\n", "2:3: 'accessed' is what the kernel knows of the page, so it cannot be set")]
    [InlineData("on evict scan Loaded: evict\n", "1:15: names are lower case, found \"L\"")]
    [InlineData("on evict scan 0:\n  if 1 < 2 < 3: evict\n", "2:12: comparisons do not chain")]
    [InlineData("on tick 0: x = 1\non evict scan 0: evict\n", "1:9: expected how many references apart the tick runs, 1 to 1000000, found \"0\"")]
    [InlineData("on evict scan 0: evict\non evict scan 1: evict\n", "2:1: 'on evict' is already written above")]
    [InlineData("on evict scan 0:\n  if accessed evict\n", "2:15: expected ':' after the test of 'if'")]
    [InlineData("on evict scan 0: evict evict\n", "1:24: expected the end of the line (or ';' and another statement), found \"evict\"")]
    [InlineData("on evict scan (1 + : evict\n", "1:20: expected a value")]
    [InlineData("on evict scan 0: evict @\n", "1:24: expected a name, a number, an operator or '#', found \"@\"")]
    [InlineData("evict\n", "1:1: expected a section, 'on load:', 'on tick N:' or 'on evict scan KEY:', found \"evict\"")]
    [InlineData("on evict scan 99999999999999999999: evict\n", "1:15: expected an integer below 2^63")]
    public void Parse_BadPolicy_SaysLineColumnAndWhatWasExpected(string text, string expected)
    {
        var error = Assert.Throws<PolicySyntaxException>(() => PolicyParser.Parse(text));

        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Parse_NineRegisters_IsRefusedAtTheNinth()
    {
        var text = "on load: a = 1; b = 1; c = 1; d = 1; e = 1; f = 1; g = 1; h = 1; i = 1\non evict scan 0: evict\n";

        var error = Assert.Throws<PolicySyntaxException>(() => PolicyParser.Parse(text));

        Assert.StartsWith("1:66: a page has 8 registers at most", error.Message);
    }

    [Fact]
    public void Parse_TooLong_IsRefused()
    {
        var error = Assert.Throws<PolicySyntaxException>(() => PolicyParser.Parse(new string('#', PolicyLexer.MaxLength + 1)));

        Assert.Contains("at most 2700 characters", error.Message);
    }

    [Fact]
    public void Parse_AnyText_CompilesOrGivesOneLinePositionedError()
    {
        // Texts made of the language's own pieces reach deep into the parser; every outcome is a program or one positioned line.
        var pieces = new[] { "on", "evict", "scan", "load", "tick", "4", ":", ";", "=", "if", "age", "accessed", "+", "(", ")", "\n", "clear", "skip", "not", "<", "#", "x" };
        var property = Prop.ForAll(Gen.ArrayOf(Gen.Elements(pieces)).ToArbitrary(), words =>
        {
            try
            {
                PolicyParser.Parse(string.Join(' ', words));
                return true;
            }
            catch (PolicySyntaxException e)
            {
                return System.Text.RegularExpressions.Regex.IsMatch(e.Message, @"^\d+:\d+: ") && !e.Message.Contains('\n', StringComparison.Ordinal);
            }
        });
        property.QuickCheckThrowOnFailure();
    }
}
