using System.Text.RegularExpressions;
using VmQuest.Levels.Loading;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Tests.Game.Levels;

namespace VmQuest.Tests.Game.Play;

/// <summary>docs/mechanics/permissions.md and elf-layout.md stay true: each complete example loads, and its reference play wins at par.</summary>
public partial class MechanicDocsTests
{
    [Theory]
    [InlineData("permissions.md", "board.dat", "permissions/board.dat")]
    [InlineData("elf-layout.md", "hello.elf", "../../tests/VmQuest.Tests/Game/Levels/Samples/elf-layout/hello.elf")]
    public void CompleteExample_InMechanicDocs_IsWonByTheReferenceAtPar(string doc, string file, string source)
    {
        var docs = File.ReadAllText(Path.Combine(ShippedLevels.Directory, "..", "..", "docs", "mechanics", doc));
        var section = docs[docs.IndexOf("## A complete example", StringComparison.Ordinal)..];
        using var folder = LevelSamples.Scratch();
        File.Copy(Path.Combine(ShippedLevels.Directory, source), Path.Combine(folder.Path, file));
        var level = LevelLoader.Load(folder.Write("example.yaml", YamlBlock().Match(section).Groups[1].Value));

        var session = LevelSessions.PlayersOf(level).PlayReference(level);

        Assert.True(session.IsWon, session.Failure);
        Assert.All(level.Metrics, m => Assert.True(session.Metric(m.Kind) <= m.Par, $"{level.Id}: {m.Name} {session.Metric(m.Kind)} > par {m.Par}"));
        Assert.Equal(level.Optimum.Single(o => o.Metric == MetricKind.Actions).Bound, session.Metric(MetricKind.Actions));
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
