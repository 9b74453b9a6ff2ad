using System.Text.Json;
using VmQuest.Cli;
using VmQuest.Tests.Game.Cli;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.City;

/// <summary><c>vmquest sandbox --screenshot</c> and <c>vmquest bench render</c> end to end (headless).</summary>
[Collection(SdlTestGroup.Name)]
public sealed class SandboxCommandTests
{
    [Fact]
    public void Sandbox_Screenshot_WritesAPngAndExitsZero()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-city-{Guid.NewGuid():N}.png");
        try
        {
            var (status, output, error) = Run("sandbox", "--frames", "64", "--screenshot", path, "--after-ticks", "30", "--mouse", "400,200");
            Assert.True(status == 0, error);
            Assert.Contains("wrote", output, StringComparison.Ordinal);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(0x89, bytes[0]);
            Assert.Equal((byte)'P', bytes[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Sandbox_ScreenshotWithSelect_ClicksFirstSoTheImageShowsTheSelection()
    {
        var plain = Path.Combine(Path.GetTempPath(), $"vmquest-city-{Guid.NewGuid():N}.png");
        var selected = Path.Combine(Path.GetTempPath(), $"vmquest-city-{Guid.NewGuid():N}.png");
        try
        {
            Assert.Equal(0, Run("sandbox", "--frames", "96", "--screenshot", plain, "--after-ticks", "30").Status);
            var (status, _, error) = Run("sandbox", "--frames", "96", "--screenshot", selected, "--after-ticks", "30", "--select", "1000,116");
            Assert.True(status == 0, error);
            Assert.NotEqual(File.ReadAllBytes(plain), File.ReadAllBytes(selected));
        }
        finally
        {
            File.Delete(plain);
            File.Delete(selected);
        }
    }

    [Fact]
    public void BenchRender_Json_ReportsMedianAndP99()
    {
        var (status, output, error) = Run("bench", "render", "--frames", "64", "--processes", "3", "--ticks", "5", "--json");
        Assert.True(status == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(64, root.GetProperty("frames").GetInt64());
        Assert.Equal(3, root.GetProperty("processes").GetInt32());
        Assert.Equal(1280, root.GetProperty("width").GetInt32());
        Assert.Equal(720, root.GetProperty("height").GetInt32());
        Assert.True(root.GetProperty("medianMs").GetDouble() > 0);
        Assert.True(root.GetProperty("p99Ms").GetDouble() >= root.GetProperty("medianMs").GetDouble());
    }

    [Theory]
    [InlineData("--frames", "8")]
    [InlineData("--processes", "0")]
    [InlineData("--machine", "no-such-machine")]
    public void Sandbox_BadOption_OneLineErrorAndNonZeroExit(string option, string value)
    {
        var (status, _, error) = Run("sandbox", option, value, "--screenshot", Path.Combine(Path.GetTempPath(), "never.png"));
        Assert.NotEqual(0, status);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("vmquest:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--after-ticks", "2147483647")]
    [InlineData("--after-ticks", "-1")]
    [InlineData("--frames", "4194305")]
    [InlineData("--processes", "257")]
    [InlineData("--mouse", "left,top")]
    [InlineData("--select", "400")]
    public void Sandbox_AmplifyingNumberBeyondItsMaximum_Issue8_OneUsageLineAndExit2(string option, string value)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-never-{Guid.NewGuid():N}.png");
        var (status, output, error) = Run("sandbox", option, value, "--screenshot", path);
        Assert.Equal(2, status);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("vmquest:", line, StringComparison.Ordinal);
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("16", "3")]
    [InlineData("4194304", "256")]
    public void Sandbox_MaximumTicks_Issue8_FinishesUnderACpuAndHeapCeiling(string frames, string processes)
    {
        // The ceilings are limits, not wall-clock luck: 60 s of CPU (SIGXCPU past it) and a 512 MiB managed heap.
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-city-{Guid.NewGuid():N}.png");
        try
        {
            var run = CeilingRunner.Run(Path.GetTempPath(), 60, 512L << 20,
                "sandbox", "--frames", frames, "--processes", processes, "--after-ticks", "1000000", "--screenshot", path);
            Assert.True(run.Status == 0, $"exit {run.Status}: {run.Error}");
            Assert.True(File.Exists(path));
            Assert.True(run.PeakRssKiB < 512 * 1024, $"peak RSS {run.PeakRssKiB} KiB");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int Status, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var status = VmQuestCommandLine.Run(args, output, error);
        return (status, output.ToString(), error.ToString());
    }
}
