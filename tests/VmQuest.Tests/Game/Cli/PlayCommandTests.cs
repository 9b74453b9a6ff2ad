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
