using ImageMagick;
using VmQuest.Tests.Game.Platform;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Cli;

/// <summary><c>vmquest replay gif|watch</c>: a verified replay exported and played back in the city (headless).</summary>
[Collection(SdlTestGroup.Name)]
public sealed class ReplayCommandTests : IDisposable
{
    private static readonly string SolutionPath = Path.Combine(ShippedLevels.Directory, "victim", "belady.solution.vmqr");
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-replay-cmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Gif_ShippedSolution_OneFramePerTickAndTheFinalState()
    {
        var gif = Path.Combine(_dir, "belady.gif");

        var (status, output, error) = CliRunner.Run("replay", "gif", SolutionPath, gif, "--width", "320");

        Assert.True(status == 0, error);
        Assert.Equal($"wrote {gif}: 13 frames of victim-belady, 320 px wide", output.Trim());
        using var frames = new MagickImageCollection(gif);
        Assert.Equal(13, frames.Count);
        Assert.Equal(320u, frames[0].Width);
        Assert.Equal(180u, frames[0].Height);
    }

    [Fact]
    public void Gif_TamperedClaim_RefusedWithTheVerifiersReasonAndNoFile()
    {
        var tampered = Path.Combine(_dir, "tampered.vmqr");
        File.WriteAllText(tampered, File.ReadAllText(SolutionPath).Replace("claim faults 7", "claim faults 6", StringComparison.Ordinal));
        var gif = Path.Combine(_dir, "t.gif");

        var (status, _, error) = CliRunner.Run("replay", "gif", tampered, gif);

        Assert.Equal(1, status);
        Assert.Equal($"vmquest: {tampered}: cannot be played back: claimed metrics differ: faults claimed 6, verified 7", error.Trim());
        Assert.False(File.Exists(gif));
    }

    [Fact]
    public void Watch_Screenshot_ShowsThePlaybackAtThatTick()
    {
        var png = Path.Combine(_dir, "watch.png");

        var (status, output, error) = CliRunner.Run("replay", "watch", SolutionPath, "--screenshot", png, "--after-ticks", "6");

        Assert.True(status == 0, error);
        Assert.Equal($"wrote {png}", output.Trim());
        Assert.Equal(0x89, File.ReadAllBytes(png)[0]);
    }

    [Fact]
    public void Gif_BadWidth_UsageError()
    {
        var (status, _, error) = CliRunner.Run("replay", "gif", SolutionPath, Path.Combine(_dir, "x.gif"), "--width", "5");

        Assert.Equal(2, status);
        Assert.Equal("vmquest: --width must be between 64 and 1280.", error.Trim());
    }
}
