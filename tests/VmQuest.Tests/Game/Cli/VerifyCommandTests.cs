using System.Text.Json;
using VmQuest.Records;
using VmQuest.Tests.Game.Levels;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Cli;

public class VerifyCommandTests
{
    private static readonly string LevelPath = Path.Combine(ShippedLevels.Directory, "victim", "belady.yaml");
    private static readonly string SolutionPath = Path.Combine(ShippedLevels.Directory, "victim", "belady.solution.vmqr");

    [Fact]
    public void Verify_ShippedSolution_PrintsMetricsParsAndOptimumAndExits0()
    {
        var (status, output, error) = CliRunner.Run("verify", SolutionPath, "--level", LevelPath);

        Assert.Equal(0, status);
        Assert.Equal("", error);
        Assert.Contains("verified, level victim-belady 1: faults 7 (par 7, met, optimum 7, ratio 1.00), actions 4 (par 4, met), cycles", output);
    }

    [Fact]
    public void Verify_ByLevelIdFromTheCatalogue_Exits0()
    {
        // No --level: the replay's id is looked up in the build's content/levels.
        var (status, output, _) = CliRunner.Run("verify", SolutionPath);

        Assert.Equal(0, status);
        Assert.Contains("verified", output);
    }

    [Fact]
    public void Verify_TamperedClaim_OneLineExit1()
    {
        using var scratch = LevelSamples.Scratch();
        var tampered = scratch.Write("t.vmqr", File.ReadAllText(SolutionPath).Replace("claim faults 7", "claim faults 5", StringComparison.Ordinal));

        var (status, output, error) = CliRunner.Run("verify", tampered, "--level", LevelPath);

        Assert.Equal(1, status);
        Assert.Equal("", output);
        Assert.Equal($"vmquest: {tampered}: claimed metrics differ: faults claimed 5, verified 7\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Verify_TruncatedFile_IsTheReadersLine()
    {
        using var scratch = LevelSamples.Scratch();
        var text = File.ReadAllText(SolutionPath);
        var cut = scratch.Write("cut.vmqr", text[..text.IndexOf("end ", StringComparison.Ordinal)]);

        var (status, _, error) = CliRunner.Run("verify", cut, "--level", LevelPath);

        Assert.Equal(1, status);
        Assert.StartsWith($"vmquest: {cut}:", error);
        Assert.Contains("truncated", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Verify_Json_GivesEveryFileWithVerifiedMetricsAndReason()
    {
        using var scratch = LevelSamples.Scratch();
        var tampered = scratch.Write("t.vmqr", File.ReadAllText(SolutionPath).Replace("claim actions 4", "claim actions 3", StringComparison.Ordinal));

        var (status, output, _) = CliRunner.Run("verify", SolutionPath, tampered, "--level", LevelPath, "--json");

        Assert.Equal(1, status);
        var files = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, files.GetArrayLength());
        Assert.True(files[0].GetProperty("verified").GetBoolean());
        Assert.Equal("victim-belady", files[0].GetProperty("level").GetString());
        Assert.Equal(7, files[0].GetProperty("metrics").GetProperty("faults").GetInt64());
        Assert.Equal(7, files[0].GetProperty("optimum").GetProperty("faults").GetInt64());
        Assert.Equal(JsonValueKind.Null, files[0].GetProperty("reason").ValueKind);
        Assert.False(files[1].GetProperty("verified").GetBoolean());
        Assert.Equal("claimed metrics differ: actions claimed 3, verified 4", files[1].GetProperty("reason").GetString());
    }

    [Fact]
    public void Verify_Record_AddsAVerifiedAttemptWithTheReplay()
    {
        using var scratch = LevelSamples.Scratch();
        var dataDir = Path.Combine(scratch.Path, "data");

        var (status, _, error) = CliRunner.Run("verify", SolutionPath, "--level", LevelPath, "--record", "--data-dir", dataDir);

        Assert.Equal(0, status);
        Assert.Contains("recorded as attempt 1 of level victim-belady", error);
        using var store = RecordsStore.Open(dataDir);
        var attempt = Assert.Single(store.Attempts("victim-belady"));
        Assert.True(attempt.Attempt.Verified);
        Assert.Equal(File.ReadAllBytes(SolutionPath), store.Replay(attempt.Id));
        // No wall clock ran: recorded untimed, never a best time; cycles are the re-simulation's own.
        Assert.False(attempt.Attempt.Timed);
        Assert.Equal((0L, 0L), (attempt.Attempt.Times.RealMs, attempt.Attempt.Times.LoadRemovedMs));
        Assert.Equal(attempt.Attempt.Metric("cycles"), attempt.Attempt.Times.Cycles);
        Assert.Null(store.BestTimes("victim-belady"));
    }

    [Fact]
    public void Executable_ShippedSolution_VerifiesWithinTwoCpuSeconds()
    {
        // The real process, the level found by id in the build's content/levels; the CPU rlimit is the ceiling.
        var run = CeilingRunner.Run(Path.GetTempPath(), 2, 256L << 20, "verify", SolutionPath);
        var (status, output, error) = (run.Status, run.Output, run.Error);

        Assert.True(status == 0, error);
        Assert.Contains("verified, level victim-belady 1", output);
    }

    [Fact]
    public void Verify_NoFile_IsUsageError2()
    {
        var (status, _, error) = CliRunner.Run("verify");

        Assert.Equal(2, status);
        Assert.StartsWith("vmquest: ", error);
    }

    [Fact]
    public void Help_Verify_DescribesEveryOption()
    {
        var (status, output, _) = CliRunner.Run("verify", "--help");

        Assert.Equal(0, status);
        foreach (var word in (string[])["--level", "--record", "--data-dir", "--json", "diverged at tick T", "illegal action"])
        {
            Assert.Contains(word, output);
        }
    }
}
