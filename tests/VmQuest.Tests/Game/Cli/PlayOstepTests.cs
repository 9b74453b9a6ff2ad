using VmQuest.Tests.Engine.Machine.Ostep;
using VmQuest.Tests.Game.Platform;
using static VmQuest.Tests.Game.Cli.CliRunner;

namespace VmQuest.Tests.Game.Cli;

[Collection(SdlTestGroup.Name)]
public sealed class PlayOstepTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-play-ostep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("briefing", "0", null, "en")]
    [InlineData("play", "2", "1", "zh-Hans")]
    [InlineData("results", "1", null, "zh-Hans")]
    public void Screenshot_EachKindAndScreen_WritesAPng(string screen, string after, string? answer, string language)
    {
        foreach (var (name, text) in new[] { ("linear.txt", OstepSamples.Linear), ("multi.txt", OstepSamples.Multilevel()), ("policy.txt", OstepPolicySamples.Generated("CLOCK")) })
        {
            var png = Path.Combine(_dir, $"{name}-{screen}.png");
            string[] args = ["play", "--ostep", Write(name, text), "--screenshot", png, "--screen", screen, "--after-ticks", after, "--lang", language, "--data-dir", _dir];
            var (status, _, error) = Run(answer is null ? args : [.. args, "--ostep-answer", answer]);

            Assert.True(status == 0, error);
            Assert.True(new FileInfo(png).Length > 1000);
        }
    }

    [Fact]
    public void Ostep_MalformedProblem_OneLineNamingTheLineExitOne()
    {
        var (status, _, error) = Run("play", "--ostep", Write("bad.txt", "ARG policy FIFO\nARG cachesize 0\nAccess: 1\n"), "--screenshot", Path.Combine(_dir, "x.png"));

        Assert.Equal(1, status);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("bad.txt:2: the cache size must be", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_WithoutOstep_UsageErrorExitTwo()
    {
        var (status, _, error) = Run("play", "--seed", "3", "--screenshot", Path.Combine(_dir, "x.png"));

        Assert.Equal(2, status);
        Assert.Contains("--ostep FILE", error, StringComparison.Ordinal);
    }

    [Fact]
    public void OstepAnswer_OutOfRange_UsageErrorExitTwo()
    {
        var (status, _, error) = Run("play", "--ostep", Write("l.txt", OstepSamples.Linear), "--screen", "play", "--ostep-answer", "9", "--screenshot", Path.Combine(_dir, "x.png"), "--data-dir", _dir);

        Assert.Equal(2, status);
        Assert.Contains("--ostep-answer 9: question 1 has choices 1 to", error, StringComparison.Ordinal);
    }
}
