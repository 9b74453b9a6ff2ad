using System.Text.RegularExpressions;

namespace VmQuest.Tests.Game.Levels;

/// <summary>docs/levels.md stays true: its complete example is a valid level.</summary>
public partial class LevelDocsTests
{
    [Fact]
    public void CompleteExample_InDocs_LoadsAsAPolicyLevel()
    {
        string docs = File.ReadAllText(Path.Combine(LevelSamples.Directory, "..", "..", "..", "..", "..", "docs", "levels.md"));
        string section = docs[docs.IndexOf("## A complete example", StringComparison.Ordinal)..];
        string yaml = YamlBlock().Match(section).Groups[1].Value;

        var level = LevelText.Load(yaml);

        Assert.Equal("clock-by-hand", level.Id);
        Assert.Equal(["shown", "loop"], level.Traces.Select(t => t.Name));
        Assert.Equal(8, level.HiddenTests!.Count);
        Assert.Equal("第二次机会", level.Title.ZhHans);
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
