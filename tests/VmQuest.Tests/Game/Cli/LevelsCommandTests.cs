using System.Text.Json;
using VmQuest.Tests.Game.Levels;

namespace VmQuest.Tests.Game.Cli;

public class LevelsCommandTests
{
    [Fact]
    public void Levels_SamplesFolder_ListsEachLevelWithTitlesMechanicsAndPars()
    {
        var (status, output, error) = CliRunner.Run("levels", "--dir", LevelSamples.Directory);

        Assert.Equal(0, status);
        Assert.Equal("", error);
        Assert.StartsWith($"7 level(s) in {LevelSamples.Directory}:\n", output, StringComparison.Ordinal);
        Assert.Contains(
            $"""
            sample-victim (version 1): victim
              title     Belady's anomaly / 贝莱迪异常
              metrics   faults par 8, actions par 12, cycles par 2000000
              solution  none yet
              file      {LevelSamples.PathOf("victim")}

            """, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Levels_Json_GivesEveryFieldOfEachLevel()
    {
        var (status, output, _) = CliRunner.Run("levels", "--json", "--dir", LevelSamples.Directory);

        Assert.Equal(0, status);
        using var document = JsonDocument.Parse(output);
        var levels = document.RootElement.GetProperty("levels").EnumerateArray().ToList();
        Assert.Equal(7, levels.Count);
        var policy = levels.Single(l => l.GetProperty("id").GetString() == "sample-policy");
        Assert.Equal(1, policy.GetProperty("version").GetInt32());
        Assert.Equal("编写置换策略", policy.GetProperty("title").GetProperty("zh-Hans").GetString());
        Assert.Equal("Write a policy", policy.GetProperty("title").GetProperty("en").GetString());
        Assert.Equal(["policy"], policy.GetProperty("mechanics").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("policy-size", policy.GetProperty("metrics")[1].GetProperty("name").GetString());
        Assert.Equal(8, policy.GetProperty("metrics")[1].GetProperty("par").GetInt64());
        Assert.Equal(JsonValueKind.Null, policy.GetProperty("solution").ValueKind);
        Assert.Matches("^[0-9a-f]{64}$", policy.GetProperty("hash").GetString());
        Assert.Empty(document.RootElement.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public void Levels_Shipped_ShowEachCampaignLevelsPlaceAndWhatOpensIt()
    {
        var (status, output, _) = CliRunner.Run("levels");

        Assert.Equal(0, status);
        Assert.Contains("translate-split (version 1): translate\n  title     Split the address / 拆分地址\n  campaign  1 of 17, open from the start\n", output, StringComparison.Ordinal);
        Assert.Contains("translate-walk (version 1): translate\n  title     Walk the tables / 走一遍页表\n  campaign  4 of 17, opens after translate-split\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Levels_Json_CampaignPlaceAndPrerequisites_NullOffTheMap()
    {
        var (_, shipped, _) = CliRunner.Run("levels", "--json");
        var (_, samples, _) = CliRunner.Run("levels", "--json", "--dir", LevelSamples.Directory);

        using var document = JsonDocument.Parse(shipped);
        var five = document.RootElement.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "translate-five-levels");
        Assert.Equal(5, five.GetProperty("campaign").GetProperty("position").GetInt32());
        Assert.Equal(17, five.GetProperty("campaign").GetProperty("of").GetInt32());
        Assert.Equal(["translate-walk"], five.GetProperty("campaign").GetProperty("prerequisites").EnumerateArray().Select(p => p.GetString()));
        using var other = JsonDocument.Parse(samples);
        Assert.All(other.RootElement.GetProperty("levels").EnumerateArray(), l => Assert.Equal(JsonValueKind.Null, l.GetProperty("campaign").ValueKind));
    }

    [Fact]
    public void Levels_WithSolution_ShowsItsPath()
    {
        using var folder = LevelSamples.Scratch();
        folder.Write("solution.vmqr", "replay");
        string level = folder.Write("level.yaml", LevelText.Minimal + "solution: solution.vmqr\n");

        var (status, output, _) = CliRunner.Run("levels", "--dir", folder.Path);

        Assert.Equal(0, status);
        Assert.Contains($"  solution  {folder.Path}/solution.vmqr\n", output, StringComparison.Ordinal);
        Assert.Contains($"  file      {level}\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Levels_EmptyFolder_SaysSoInOneLine()
    {
        using var folder = LevelSamples.Scratch();

        var (status, output, error) = CliRunner.Run("levels", "--dir", folder.Path);

        Assert.Equal(0, status);
        Assert.Equal($"No levels in {folder.Path}.\n", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void Levels_BrokenFileInFolder_ListsTheOthersAndReportsItOnOneLine()
    {
        using var folder = LevelSamples.Scratch();
        folder.Write("good.yaml", LevelText.Minimal);
        folder.Write("bad.yaml", LevelText.With("version: 1", "version: 0"));

        var (status, output, error) = CliRunner.Run("levels", "--dir", folder.Path);

        Assert.Equal(1, status);
        Assert.StartsWith($"1 level(s) in {folder.Path}:", output, StringComparison.Ordinal);
        Assert.Equal($"vmquest: {folder.Path}/bad.yaml:2:10: version: expected a positive integer, found \"0\"\n", error);
    }

    [Fact]
    public void Validate_GoodAndBadFiles_OkLinesAndOneLinePerProblem()
    {
        using var folder = LevelSamples.Scratch();
        string good = folder.Write("good.yaml", LevelText.Minimal);
        string bad = folder.Write("bad.yaml", LevelText.With("par: 12", "par: 0"));

        var (status, output, error) = CliRunner.Run("levels", "validate", good, bad);

        Assert.Equal(1, status);
        Assert.Equal($"ok  {good}  Tiny  (no reference solution)\n2 level file(s): 1 valid, 1 failed\n", output);
        Assert.Equal($"vmquest: {bad}:15:26: metrics[0].par: expected a positive integer, found \"0\"\n", error);
    }

    [Fact]
    public void Validate_SamplesFolder_EveryPlayableSampleOk_TheTinyTranslateMachineRefusedAsUnplayable()
    {
        var (status, output, error) = CliRunner.Run("levels", "validate", LevelSamples.Directory);

        // validate also builds each level's session: a level that loads but that its mechanic cannot play is a
        // problem too (the translate sample's 32-byte-page machine cannot hold a workload process's layout).
        Assert.Equal(1, status);
        Assert.Equal(6, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        Assert.Equal($"vmquest: {LevelSamples.PathOf("translate")}: machine tiny cannot run a translate level's program: a workload process is laid out as on x86-64 (text at 0x400000, its stack below 0x7ffffffff000), so the machine must translate 48-bit addresses, or be a small machine whose user space ends below 0x400000 with pages of 4 KiB or more and at least 16 of them\n", error);
    }

    [Fact]
    public void Validate_MissingFileAndEmptyFolder_OneLineEach()
    {
        using var folder = LevelSamples.Scratch();
        string missing = Path.Combine(folder.Path, "nope.yaml");

        var (status, _, error) = CliRunner.Run("levels", "validate", missing, folder.Path);

        Assert.Equal(1, status);
        Assert.Equal($"vmquest: {missing}: no such file\nvmquest: {folder.Path}: no level files (*.yaml) in this folder\n", error);
    }

    [Fact]
    public void Validate_NoPath_IsAUsageError()
    {
        var (status, _, error) = CliRunner.Run("levels", "validate");

        Assert.Equal(2, status);
        Assert.StartsWith("vmquest: ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Levels_DirIsAFile_SaysWhatToRunInstead()
    {
        var (status, _, error) = CliRunner.Run("levels", "--dir", LevelSamples.PathOf("victim"));

        Assert.Equal(1, status);
        Assert.Equal($"vmquest: --dir {LevelSamples.PathOf("victim")}: is a file; expected a folder of level files ('vmquest levels validate FILE' checks one file)\n", error);
    }

    [Theory]
    [InlineData("levels", "--json", "--dir", "validate")]
    [InlineData("levels validate", "PATH", "ok FILE", "exit 1")]
    public void Help_Command_DescribesEveryOption(string command, string first, string second, string third)
    {
        var (status, output, _) = CliRunner.Run([.. command.Split(' '), "--help"]);

        Assert.Equal(0, status);
        Assert.Contains(first, output, StringComparison.Ordinal);
        Assert.Contains(second, output, StringComparison.Ordinal);
        Assert.Contains(third, output, StringComparison.Ordinal);
    }
}

/// <summary>Hostile files given to 'levels validate': one line each, never a hang or a stack trace.</summary>
public class LevelsValidateHostileTests
{
    [Fact]
    public void Validate_Device_OneLineWithoutReadingIt()
    {
        var (status, _, error) = CliRunner.Run("levels", "validate", "/dev/zero");

        Assert.Equal(1, status);
        Assert.Equal("vmquest: /dev/zero: is a character device, expected a regular file\n", error);
    }

    [Fact]
    public void Levels_FileNameWithNewline_StaysOnItsLine()
    {
        using var folder = LevelSamples.Scratch();
        folder.Write("evil\nok fake.yaml", LevelText.Minimal);

        var (status, output, _) = CliRunner.Run("levels", "validate", folder.Path);

        Assert.Equal(0, status);
        Assert.Equal($"ok  {folder.Path}/evil\\nok fake.yaml  Tiny  (no reference solution)\n1 level file(s): 1 valid, 0 failed\n", output);
    }

    [Fact]
    public void Validate_BinaryGarbage_OneLine()
    {
        using var folder = LevelSamples.Scratch();
        string path = Path.Combine(folder.Path, "garbage.yaml");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 256))]);

        var (status, output, error) = CliRunner.Run("levels", "validate", path);

        Assert.Equal(1, status);
        Assert.Equal("1 level file(s): 0 valid, 1 failed\n", output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"vmquest: {path}:", error, StringComparison.Ordinal);
    }
}
