using System.Text.Json;

namespace VmQuest.Tests.Game.Cli;

/// <summary><c>vmquest sandbox --inspect WHAT</c>: headless, text or JSON, one usage line for a bad WHAT.</summary>
public sealed class SandboxInspectionTests
{
    [Fact]
    public void Inspect_Pid_PrintsItsComponentsAndExitsZero()
    {
        var (status, output, error) = CliRunner.Run("sandbox", "--frames", "96", "--inspect", "pid", "1", "--after-ticks", "30");

        Assert.True(status == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^pid 1 · entity #\d+\.\d+ · 2 components$", lines[0]);
        Assert.Contains("ProcessInfo", lines);
        Assert.Contains("Pid = 1", lines);
        Assert.Contains("Name = \"ls\"", lines);
        Assert.Contains(lines, l => l.StartsWith("Root = 0x", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_Pte_ItsLocationAndTheRawEntryItNames()
    {
        var frame = CliRunner.Run("sandbox", "--frames", "96", "--inspect", "frame", "39", "--after-ticks", "325");
        var va = frame.Output.Split('\n').Single(l => l.Contains("VirtualAddress", StringComparison.Ordinal)).Split('=')[1].Trim();
        var owner = frame.Output.Split('\n').Single(l => l.Contains("OwnerPid", StringComparison.Ordinal)).Split('=')[1].Trim();

        var (status, output, error) = CliRunner.Run("sandbox", "--frames", "96", "--inspect", "pte", owner, va, "--after-ticks", "325");

        Assert.True(status == 0, error);
        Assert.Contains("PteLocation", output, StringComparison.Ordinal);
        Assert.Contains($"VirtualPage = {va}", output, StringComparison.Ordinal);
        Assert.Contains("raw entry 0x", output, StringComparison.Ordinal);
        Assert.Contains("frame 39 (0x27)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_OneQuotedWord_SameAsSeparateWords()
    {
        var quoted = CliRunner.Run("sandbox", "--frames", "96", "--inspect", "pid 3");
        var separate = CliRunner.Run("sandbox", "--frames", "96", "--inspect", "pid", "3");

        Assert.Equal(0, quoted.Status);
        Assert.Equal(separate.Output, quoted.Output);
    }

    [Fact]
    public void Inspect_AfterTicks_ShowsTheStateAtThatTick()
    {
        var early = CliRunner.Run("sandbox", "--frames", "96", "--inspect", "pid", "1", "--json");
        var late = CliRunner.Run("sandbox", "--frames", "96", "--inspect", "pid", "1", "--json", "--after-ticks", "600");

        Assert.Equal(0, early.Status);
        using var json = JsonDocument.Parse(late.Output);
        Assert.Equal(600, json.RootElement.GetProperty("ticks").GetInt64());
        Assert.NotEqual(early.Output, late.Output);
    }

    [Fact]
    public void Inspect_Json_ComponentsWithNamedFields()
    {
        var (status, output, error) = CliRunner.Run("sandbox", "--frames", "96", "--inspect", "entity", "0", "--json");

        Assert.True(status == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("entity 0", root.GetProperty("target").GetString());
        Assert.Equal(0, root.GetProperty("entity").GetProperty("id").GetInt32());
        var info = root.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "ProcessInfo");
        var name = info.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Name");
        Assert.Equal("\"ls\"", name.GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("bogus", "3")]
    [InlineData("pid", "x")]
    [InlineData("vma", "1")]
    public void Inspect_BadWhat_OneLineNamingTheFormsAndExit2(string kind, string value)
    {
        var (status, output, error) = CliRunner.Run("sandbox", "--frames", "96", "--inspect", kind, value);

        Assert.Equal(2, status);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("vmquest: --inspect expects 'pid N', 'frame N', 'vma PID ADDR', 'pte PID ADDR' or 'entity ID'", line, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void Inspect_NothingThere_OneLineAndExit1()
    {
        var (status, output, error) = CliRunner.Run("sandbox", "--frames", "96", "--inspect", "pid", "999");

        Assert.Equal(1, status);
        Assert.Equal("vmquest: pid 999: no process has pid 999 (after 0 ticks).", error.Trim());
        Assert.Empty(output);
    }

    [Fact]
    public void Inspect_WithScreenshot_RefusedWithExit2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-never-{Guid.NewGuid():N}.png");
        var (status, _, error) = CliRunner.Run("sandbox", "--inspect", "pid", "1", "--screenshot", path);

        Assert.Equal(2, status);
        Assert.Contains("not both", error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Help_NamesInspectAndItsForms()
    {
        var (_, output, _) = CliRunner.Run("sandbox", "--help");

        Assert.Contains("--inspect", output, StringComparison.Ordinal);
        Assert.Contains("vma PID ADDR", output, StringComparison.Ordinal);
    }
}
