using System.Text.Json;
using VmQuest.Tests.Game.Levels;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Cli;

/// <summary>'levels validate' runs the game's checks and re-simulates each reference solution against its pars.</summary>
public class LevelsValidateCommandTests
{
    [Fact]
    public void Validate_ShippedLevels_EveryLevelOkWithItsSolutionVerified()
    {
        var (status, output, error) = CliRunner.Run("levels", "validate", ShippedLevels.Directory);

        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(0, status);
        Assert.Equal("", error);
        Assert.All(lines[..^1], line => Assert.Matches(@"^ok  \S+\.yaml  .+  \(solution verified: [a-z-]+ \d+/\d+(, [a-z-]+ \d+/\d+)+\)$", line));
        Assert.Equal($"{lines.Length - 1} level file(s): {lines.Length - 1} valid, 0 failed", lines[^1]);
        Assert.Contains($"ok  {Path.Combine(ShippedLevels.Directory, "victim", "belady.yaml")}  Choose the victim  (solution verified: faults 7/7, actions 4/4, cycles ", output);
    }

    [Fact]
    public void Validate_SolutionMissesAPar_OneLineNamingTheMetricExit1()
    {
        using var folder = LevelSamples.Scratch();
        string level = CopyBelady(folder, "par: 7", "par: 6");

        var (status, output, error) = CliRunner.Run("levels", "validate", level);

        // Pars are not in the level hash, so the solution still verifies; it no longer meets the par.
        Assert.Equal(1, status);
        Assert.Equal("1 level file(s): 0 valid, 1 failed\n", output);
        Assert.Equal($"vmquest: {level}: its solution {Path.Combine(folder.Path, "belady.solution.vmqr")} verifies but misses a par: faults 7 > par 6\n", error);
    }

    [Fact]
    public void Validate_SolutionOfAnotherVersionOfTheLevel_DoesNotVerify()
    {
        using var folder = LevelSamples.Scratch();
        string level = CopyBelady(folder, "frames: 3", "frames: 4");

        var (status, _, error) = CliRunner.Run("levels", "validate", level);

        Assert.Equal(1, status);
        Assert.StartsWith($"vmquest: {level}: its solution {Path.Combine(folder.Path, "belady.solution.vmqr")} does not verify: made for another version of level 'victim-belady'", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Validate_Json_OneEntryPerFileWithSolutionMetricsAndCounts()
    {
        using var folder = LevelSamples.Scratch();
        string good = CopyBelady(folder, "par: 7", "par: 7");
        string bad = folder.Write("bad/bad.yaml", LevelText.With("par: 12", "par: 0"));

        var (status, output, error) = CliRunner.Run("levels", "validate", good, bad, "--json");

        Assert.Equal(1, status);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var files = json.RootElement.GetProperty("files");
        Assert.Equal(2, files.GetArrayLength());
        var first = files[0];
        Assert.True(first.GetProperty("valid").GetBoolean());
        Assert.Equal("victim-belady", first.GetProperty("id").GetString());
        Assert.Equal("选择牺牲页", first.GetProperty("title").GetProperty("zh-Hans").GetString());
        Assert.Equal(7, first.GetProperty("solution").GetProperty("metrics").GetProperty("faults").GetInt64());
        Assert.True(first.GetProperty("solution").GetProperty("meetsPars").GetBoolean());
        Assert.False(files[1].GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, files[1].GetProperty("solution").ValueKind);
        Assert.Equal($"{bad}:15:26: metrics[0].par: expected a positive integer, found \"0\"", files[1].GetProperty("problem").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("valid").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("failed").GetInt32());
    }

    /// <summary>Copies the shipped victim level (level, trace, solution) into <paramref name="folder"/>, with one text replaced.</summary>
    internal static string CopyBelady(ScratchFolder folder, string find, string replace)
    {
        string source = Path.Combine(ShippedLevels.Directory, "victim");
        foreach (string name in new[] { "belady.refs", "belady.solution.vmqr" })
        {
            File.Copy(Path.Combine(source, name), Path.Combine(folder.Path, name));
        }

        string text = File.ReadAllText(Path.Combine(source, "belady.yaml"));
        Assert.Contains(find, text, StringComparison.Ordinal);
        return folder.Write("belady.yaml", text.Replace(find, replace, StringComparison.Ordinal));
    }
}
