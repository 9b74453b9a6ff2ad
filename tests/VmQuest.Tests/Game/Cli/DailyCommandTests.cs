using System.Text.Json;
using VmQuest.Tests.Game.Platform;
using static VmQuest.Tests.Game.Cli.CliRunner;

namespace VmQuest.Tests.Game.Cli;

[Collection(SdlTestGroup.Name)]
public sealed class DailyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-daily-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Daily_ShowJsonSameDate_SameHash()
    {
        var first = Run("daily", "--date", "2026-12-01", "--show", "--json");
        var second = Run("daily", "--date", "2026-12-01", "--show", "--json");

        Assert.Equal(0, first.Status);
        using var doc = JsonDocument.Parse(first.Output);
        Assert.Equal("daily-2026-12-01", doc.RootElement.GetProperty("id").GetString());
        Assert.Equal(64, doc.RootElement.GetProperty("hash").GetString()!.Length);
        Assert.True(doc.RootElement.GetProperty("par").GetInt32() > doc.RootElement.GetProperty("optFaults").GetInt32());
        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public void Daily_ShowDifferentDates_DifferentHashes()
    {
        var a = Run("daily", "--date", "2026-12-01", "--show");
        var b = Run("daily", "--date", "2026-12-02", "--show");

        Assert.NotEqual(a.Output.Split("  ")[1], b.Output.Split("  ")[1]);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("yesterday")]
    [InlineData("2026/12/01")]
    public void Daily_BadDate_OneLineExitTwo(string date)
    {
        var (status, output, error) = Run("daily", "--date", date, "--show");

        Assert.Equal(2, status);
        Assert.Equal("", output);
        Assert.Equal($"vmquest: --date '{date}': expected a calendar date as YYYY-MM-DD, e.g. 2026-12-01", error.TrimEnd());
    }

    [Fact]
    public void Daily_Screenshot_WritesTheLevelIntoTheDataDirectory()
    {
        var png = Path.Combine(_dir, "daily.png");

        var (status, _, error) = Run("daily", "--date", "2026-12-01", "--data-dir", _dir, "--screenshot", png);

        Assert.True(status == 0, error);
        Assert.True(File.Exists(png));
        Assert.Contains("id: daily-2026-12-01", File.ReadAllText(Path.Combine(_dir, "daily", "daily-2026-12-01.yaml")), StringComparison.Ordinal);
    }
}
