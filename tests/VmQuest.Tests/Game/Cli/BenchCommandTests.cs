using System.Text.Json;
using static VmQuest.Tests.Game.Cli.CliRunner;

namespace VmQuest.Tests.Game.Cli;

public class BenchCommandTests
{
    private static JsonElement Json(string output)
    {
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    [Theory]
    [InlineData("fork", "--resident-mib", 1, 1, 256)]
    [InlineData("cow", "--resident-mib", 1, 256, 512)]
    [InlineData("faults", "--pages", 300, 300, 300)]
    public void Bench_SmallScenario_JsonCountsTheOperations(string scenario, string sizeOption, int size, long operations, long residentPages)
    {
        var (status, output, error) = Run("bench", scenario, sizeOption, $"{size}", "--no-warm-up", "--json");

        Assert.True(status == 0, error);
        var json = Json(output);
        Assert.Equal(scenario, json.GetProperty("scenario").GetString());
        Assert.Equal(operations, json.GetProperty("operations").GetInt64());
        Assert.True(json.GetProperty("seconds").GetDouble() > 0);
        Assert.True(json.GetProperty("opsPerSecond").GetDouble() > 0);
        Assert.Equal(residentPages, json.GetProperty("residentPages").GetInt64());
        Assert.True(json.GetProperty("managedBytes").GetInt64() > 0);
        Assert.True(json.GetProperty("workingSetBytes").GetInt64() > 0);
    }

    [Fact]
    public void Bench_Text_SaysOperationsAndRate()
    {
        var (status, output, _) = Run("bench", "faults", "--pages", "64", "--no-warm-up");

        Assert.Equal(0, status);
        Assert.Contains("bench faults: 64 operations in", output, StringComparison.Ordinal);
        Assert.Contains("per second", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_UnknownScenario_UsageError()
    {
        var (status, _, error) = Run("bench", "teleport");

        Assert.Equal(2, status);
        Assert.Contains("vmquest: Unrecognized command or argument 'teleport'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_ZeroPages_OneLineError()
    {
        var (status, _, error) = Run("bench", "faults", "--pages", "0");

        Assert.Equal(1, status);
        Assert.Equal("vmquest: --pages must be between 1 and 2097152, not 0", error.TrimEnd());
    }
}
