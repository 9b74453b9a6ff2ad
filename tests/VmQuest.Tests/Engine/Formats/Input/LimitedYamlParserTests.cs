using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Tests.Engine.Formats.Input;

public sealed class LimitedYamlParserTests
{
    private static YamlStream Load(string yaml, int depth = 32, int aliases = 64, int nodes = 100_000)
    {
        var stream = new YamlStream();
        return new LimitedYamlParser(yaml, "f.yaml", "a test file", depth, aliases, nodes).Load(p =>
        {
            stream.Load(p);
            return stream;
        });
    }

    [Fact]
    public void Load_AtEveryLimit_Loads()
    {
        Assert.Single(Load("a: [[1]]", depth: 3).Documents);
        Assert.Single(Load("a: &x 1\nb: *x\nc: *x", aliases: 2).Documents);
        Assert.Single(Load("[1, 2]", nodes: 3).Documents);
    }

    [Theory]
    [InlineData("a: [[1]]", 2, 64, 100, "f.yaml:1:5: YAML nested deeper than 2 levels (the limit for a test file)")]
    [InlineData("a: &x 1\nb: *x\nc: *x", 32, 1, 100, "f.yaml:3:4: YAML with more than 1 aliases (*name) (the limit for a test file)")]
    [InlineData("[1, 2]", 32, 64, 2, "f.yaml:1:5: YAML with more than 2 nodes (the limit for a test file)")]
    public void Load_OneOverALimit_RefusedAtTheEventThatCrossedIt(string yaml, int depth, int aliases, int nodes, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatParseException>(() => Load(yaml, depth, aliases, nodes)).Message);
    }

    [Fact]
    public void Load_Issue8_MillionDeepFlowNesting_RefusedWithoutStackOverflow()
    {
        const int Deep = 1_000_000;
        var e = Assert.Throws<FormatParseException>(() => Load(new string('[', Deep) + new string(']', Deep)));
        Assert.Contains("nested deeper than 32 levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SyntaxError_OneLineWithPosition()
    {
        var e = Assert.Throws<FormatParseException>(() => Load("a: b\n c: d: e\n"));
        Assert.StartsWith("f.yaml:2:", e.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Line:", e.Message, StringComparison.Ordinal);
    }
}
