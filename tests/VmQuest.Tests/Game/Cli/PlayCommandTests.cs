using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.Cli;

[Collection(SdlTestGroup.Name)]
public sealed class PlayCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vmquest-play-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Help_ListsEveryOption()
    {
        var (status, output, _) = CliRunner.Run("play", "--help");
        Assert.Equal(0, status);
        foreach (var option in new[] { "LEVEL", "--replay", "--screenshot", "--after-ticks", "--screen", "--lang", "--data-dir", "--livesplit", "--level-dir" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Root_Help_ListsPlay() => Assert.Contains("play", CliRunner.Run("--help").Output, StringComparison.Ordinal);

    [Theory]
    [InlineData("title")]
    [InlineData("levels")]
    [InlineData("briefing")]
    [InlineData("settings")]
    [InlineData("records")]
    public void Screenshot_Screen_WritesAPng(string screen)
    {
        var png = Path.Combine(_folder, screen + ".png");
        var (status, output, error) = CliRunner.Run("play", "--screenshot", png, "--screen", screen, "--data-dir", _folder, "--lang", "zh-Hans");
        Assert.True(status == 0, error);
        Assert.Equal($"wrote {png}", output.Trim());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
    }

    [Fact]
    public void Screenshot_LevelById_DefaultsToItsBriefing()
    {
        var png = Path.Combine(_folder, "b.png");
        var (status, _, error) = CliRunner.Run("play", "victim-belady", "--screenshot", png, "--data-dir", _folder);
        Assert.True(status == 0, error);
        Assert.True(File.Exists(png));
    }

    [Fact]
    public void UnknownLevel_IsOneLine_Exit1()
    {
        var (status, _, error) = CliRunner.Run("play", "no-such-level", "--screenshot", Path.Combine(_folder, "x.png"), "--data-dir", _folder);
        Assert.Equal(1, status);
        Assert.StartsWith("vmquest: no-such-level: no level with this id", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("--screen", "title")]
    [InlineData("--livesplit", "nowhere:notaport")]
    [InlineData("--lang", "fr")]
    [InlineData("--screen", "garden")]
    public void BadUsage_IsOneLine_Exit2(string option, string value)
    {
        var (status, _, error) = CliRunner.Run("play", option, value);
        Assert.Equal(2, status);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("vmquest: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("play")]
    [InlineData("pause")]
    [InlineData("results")]
    public void Screenshot_PlayScreens_WriteAPng_AndNoRecords(string screen)
    {
        var png = Path.Combine(_folder, screen + ".png");
        var (status, _, error) = CliRunner.Run("play", "victim-belady", "--screenshot", png, "--screen", screen, "--after-ticks", "7", "--data-dir", _folder);
        Assert.True(status == 0, error);
        Assert.True(File.Exists(png));
        Assert.False(File.Exists(Path.Combine(_folder, "records.sqlite3")), "a screenshot must not write records");
    }

    [Fact]
    public void Replay_ShippedSolution_IsPlayedBack()
    {
        var png = Path.Combine(_folder, "replay.png");
        var solution = Path.Combine(VmQuest.Tests.Game.Play.ShippedLevels.Directory, "victim", "belady.solution.vmqr");
        var (status, output, error) = CliRunner.Run("play", "--replay", solution, "--screenshot", png, "--data-dir", _folder);
        Assert.True(status == 0, error);
        Assert.Equal($"wrote {png}", output.Trim());
    }

    [Fact]
    public void Replay_TamperedClaim_IsRefusedInOneLine_Exit1()
    {
        var solution = Path.Combine(VmQuest.Tests.Game.Play.ShippedLevels.Directory, "victim", "belady.solution.vmqr");
        var tampered = Path.Combine(_folder, "tampered.vmqr");
        File.WriteAllText(tampered, File.ReadAllText(solution).Replace("claim faults 7", "claim faults 6", StringComparison.Ordinal));
        var (status, _, error) = CliRunner.Run("play", "--replay", tampered, "--screenshot", Path.Combine(_folder, "x.png"), "--data-dir", _folder);
        Assert.Equal(1, status);
        Assert.StartsWith($"vmquest: {tampered}: cannot be played back: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(Path.Combine(_folder, "x.png")));
    }

    [Fact]
    public void Replay_NotAReplay_IsOneLine_Exit1()
    {
        var bogus = Path.Combine(_folder, "bogus.vmqr");
        File.WriteAllText(bogus, "hello\n");
        var (status, _, error) = CliRunner.Run("play", "--replay", bogus, "--screenshot", Path.Combine(_folder, "x.png"), "--data-dir", _folder);
        Assert.Equal(1, status);
        Assert.StartsWith($"vmquest: {bogus}", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void MalformedSettings_AreReportedOnTheTitle_AndLeftAlone()
    {
        var settings = Path.Combine(_folder, "settings.conf");
        File.WriteAllText(settings, "palette = neon\n");
        var (status, _, error) = CliRunner.Run("play", "--screenshot", Path.Combine(_folder, "t.png"), "--data-dir", _folder);
        Assert.True(status == 0, error);
        Assert.Equal("palette = neon\n", File.ReadAllText(settings));
    }
}
