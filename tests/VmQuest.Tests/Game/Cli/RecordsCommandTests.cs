using System.Text.Json;
using VmQuest.Records;
using VmQuest.Tests.Game.Records;
using static VmQuest.Tests.Game.Cli.CliRunner;
using static VmQuest.Tests.Game.Records.RecordsSamples;

namespace VmQuest.Tests.Game.Cli;

public sealed class RecordsCommandTests : RecordsDirectoryTest
{
    private void Seed()
    {
        using var store = RecordsStore.Open(DataDir);
        store.AddAttempt(Attempt(9, 12_034, 17, minute: 0));
        store.AddAttempt(Attempt(7, 15_500, 20, minute: 1));
        store.AddAttempt(Attempt(9, 13_000, 17, minute: 2)); // dominated by the first
        store.AddAttempt(Attempt(4, 4, 4, minute: 3, hash: "h0") with { FinishedUtc = Start.AddDays(-1) }); // an older version
        store.AddAttempt(Attempt(2, 500, 3, level: "tlb-locality"));
        long run = store.BeginCampaignRun(7, Start);
        store.AddSplit(run, new SplitInput("Demand paging", "demand-paging", new SpeedrunTimes(12_034, 61_000, 50_000)));
        store.AddSplit(run, new SplitInput("TLB", "tlb-locality", new SpeedrunTimes(500, 3_723_004, 3_700_000)));
        store.FinishRun(run, Start.AddHours(2));
    }

    private static JsonElement Json(string output)
    {
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Records_NoDatabase_SaysSoInOneLineAndMakesNothing()
    {
        var (status, output, error) = Run("records", "--data-dir", DataDir);

        Assert.Equal(0, status);
        Assert.Equal($"No records yet in {DatabasePath}: finish a level to make some.", output.Trim());
        Assert.Equal("", error);
        Assert.False(Directory.Exists(DataDir));
    }

    [Fact]
    public void Records_Text_ShowsFrontierTableBestsAndCampaign()
    {
        Seed();

        var (status, output, error) = Run("records", "--data-dir", DataDir);

        Assert.True(status == 0, error);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Contains("Level demand-paging (version 2, hash h1): 3 attempts, 3 won (1 more on other versions, not compared)", lines);
        Assert.Contains("  Pareto frontier of personal bests (2 results):", lines);
        var header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("faults", StringComparison.Ordinal));
        Assert.Equal("    faults  cycles  actions  real time  load-removed  verified  finished (UTC)       attempt", lines[header]);
        Assert.Equal("         7  15,500       20   1:00.001      0:50.001  no        2026-12-01 10:01:00       #2", lines[header + 1]);
        Assert.Equal("         9  12,034       17   1:00.000      0:50.000  yes       2026-12-01 10:00:00       #1", lines[header + 2]);
        Assert.Contains("  Personal bests: faults 7, cycles 12,034, actions 17", lines);
        Assert.Contains("Campaign main: 1 run, 1 finished", lines);
        Assert.Contains(lines, l => l.Contains("real 1:03:04.004", StringComparison.Ordinal)); // 61 s + 1:02:03.004
        Assert.Contains("  Sum of best: real 1:03:04.004, load-removed 1:02:30.000, 12,534 cycles", lines);
        Assert.DoesNotContain(lines, l => l.EndsWith(' '));
    }

    [Fact]
    public void Records_Json_HasFrontierBestsSplitsGoldsAndSumOfBest()
    {
        Seed();

        var (status, output, error) = Run("records", "--data-dir", DataDir, "--json");

        Assert.True(status == 0, error);
        var json = Json(output);
        Assert.Equal(DatabasePath, json.GetProperty("database").GetString());
        var level = json.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "demand-paging");
        Assert.Equal(3, level.GetProperty("attempts").GetInt64());
        Assert.Equal(1, level.GetProperty("otherVersionAttempts").GetInt64());
        Assert.Equal(["faults", "cycles", "actions"], level.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(7, level.GetProperty("personalBests").GetProperty("faults").GetInt64());
        var frontier = level.GetProperty("frontier").EnumerateArray().ToArray();
        Assert.Equal(2, frontier.Length);
        Assert.Equal(15_500, frontier[0].GetProperty("metrics").GetProperty("cycles").GetInt64());
        Assert.Equal("18364758544493064720", frontier[0].GetProperty("seed").GetString());
        Assert.Equal("2026-12-01T10:01:00.000Z", frontier[0].GetProperty("finishedUtc").GetString());
        var campaign = json.GetProperty("campaigns")[0];
        Assert.Equal("main", campaign.GetProperty("name").GetString());
        var splits = campaign.GetProperty("personalBest").GetProperty("splits");
        Assert.Equal(2, splits.GetArrayLength());
        Assert.Equal(3_784_004, splits[1].GetProperty("cumulativeRealMs").GetInt64());
        Assert.Equal(2, campaign.GetProperty("golds").GetArrayLength());
        Assert.Equal(12_534, campaign.GetProperty("sumOfBest").GetProperty("cycles").GetInt64());
    }

    [Fact]
    public void Records_LevelFilter_ShowsOnlyThatLevel()
    {
        Seed();

        var (status, output, _) = Run("records", "--data-dir", DataDir, "--level", "tlb-locality", "--json");

        Assert.Equal(0, status);
        var json = Json(output);
        Assert.Equal(["tlb-locality"], json.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("id").GetString()));
        Assert.Equal(0, json.GetProperty("campaigns").GetArrayLength());
    }

    [Fact]
    public void Records_LostAndUntimedAttempts_CountedShownWithoutTimesNeverABest()
    {
        using (var store = RecordsStore.Open(DataDir))
        {
            store.AddAttempt(Attempt(1, 1, 1, minute: 0, level: "lost-only") with { Won = false });
            store.AddAttempt(Attempt(3, 300, 3, minute: 0, level: "untimed") with { Times = new SpeedrunTimes(300, 0, 0), Timed = false });
        }

        var (status, output, error) = Run("records", "--data-dir", DataDir);

        Assert.True(status == 0, error);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Contains("Level lost-only (version 2, hash h1): 1 attempt, 0 won", lines);
        Assert.Contains("  No win yet: personal bests come from won attempts.", lines);
        Assert.Contains("  Personal bests: faults 3, cycles 300, actions 3", lines);
        Assert.Contains("  Best times: none yet (a result re-simulated by verify --record has no wall-clock time)", lines);
        Assert.Contains(lines, l => l.StartsWith("         3     300        3          -             -  ", StringComparison.Ordinal));
    }

    [Fact]
    public void Records_UnknownLevel_SaysSoExit0()
    {
        Seed();

        var (status, output, _) = Run("records", "--data-dir", DataDir, "--level", "nope");

        Assert.Equal(0, status);
        Assert.Equal($"No records for level nope yet in {DatabasePath}.", output.Trim());
    }

    [Fact]
    public void Records_EmptyJson_IsStillJson()
    {
        var (status, output, _) = Run("records", "--data-dir", DataDir, "--json");

        Assert.Equal(0, status);
        Assert.Equal(0, Json(output).GetProperty("levels").GetArrayLength());
    }

    [Fact]
    public void Records_NotADatabase_OneLineMovedAsideExit0()
    {
        Directory.CreateDirectory(DataDir);
        File.WriteAllText(DatabasePath, "hello, these are my notes\n");

        var (status, output, error) = Run("records", "--data-dir", DataDir);

        Assert.Equal(0, status);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($"^vmquest: {Regex(DatabasePath)}: not a records database \\(no SQLite header\\); moved aside to {Regex(DatabasePath)}\\.corrupt-\\d{{8}}T\\d{{6}}Z; starting a new one$", line);
        Assert.StartsWith("No records yet", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_NewerSchema_OneLineExit1()
    {
        Seed();
        using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            raw.Open();
            using var command = raw.CreateCommand();
            command.CommandText = "PRAGMA user_version = 5;";
            command.ExecuteNonQuery();
        }

        var (status, output, error) = Run("records", "--data-dir", DataDir);

        Assert.Equal(1, status);
        Assert.Equal("", output);
        Assert.Equal($"vmquest: {DatabasePath}: records schema version 5 is newer than this VmQuest knows (2); use a newer VmQuest (the file is left untouched)", error.Trim());
    }

    [Fact]
    public void Records_LockedByAnotherVmquest_OneLineExit1AndUntouched()
    {
        Seed();
        var before = File.ReadAllBytes(DatabasePath);
        using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        holder.Open();
        using (var command = holder.CreateCommand())
        {
            command.CommandText = "BEGIN EXCLUSIVE;";
            command.ExecuteNonQuery();
        }

        var (status, output, error) = Run("records", "--data-dir", DataDir);

        Assert.Equal(1, status);
        Assert.Equal("", output);
        Assert.Equal($"vmquest: {DatabasePath}: is locked by another running VmQuest; close it (or wait for it to finish writing) and try again", error.Trim());
        Assert.Equal(before, File.ReadAllBytes(DatabasePath));
    }

    [Fact]
    public void Records_DataDirIsAFile_OneLineExit1()
    {
        File.WriteAllText(DataDir, "x");

        var (status, _, error) = Run("records", "--data-dir", DataDir);

        Assert.Equal(1, status);
        Assert.Equal($"vmquest: {DataDir}: is a regular file; expected a directory for the records", error.Trim());
    }

    [Fact]
    public void Records_UnknownOption_UsageExit2()
    {
        var (status, _, error) = Run("records", "--bogus");

        Assert.Equal(2, status);
        Assert.StartsWith("vmquest: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_Help_DocumentsOptionsJsonAndLocation()
    {
        var (status, output, _) = Run("records", "--help");

        Assert.Equal(0, status);
        foreach (var part in (string[])["--level", "--data-dir", "--json", "VMQUEST_DATA", "XDG_DATA_HOME", "Pareto frontier", "locked", "sumOfBest", "golds", "personalBests"])
        {
            Assert.Contains(part, output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("write-loop", output, StringComparison.Ordinal);
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
