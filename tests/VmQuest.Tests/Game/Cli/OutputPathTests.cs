namespace VmQuest.Tests.Game.Cli;

/// <summary>
/// Output paths on the command line (issue 8: as root, <c>sandbox --screenshot /dev/full</c> replaced the device
/// node with a PNG; <c>--screenshot somedir</c> left <c>somedir.PID.tmp</c>). Refused before any work, one line,
/// exit 1, nothing touched.
/// </summary>
public sealed class OutputPathTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-output-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("sandbox")]
    [InlineData("render-test")]
    public void Screenshot_Issue8_Device_RefusedAndUntouched(string command)
    {
        var (status, _, error) = CliRunner.Run(command, "--screenshot", "/dev/full");

        Assert.Equal(1, status);
        Assert.Equal("vmquest: /dev/full: is a character device; VmQuest only writes regular files", error.Trim());
        Assert.True((File.GetAttributes("/dev/full") & FileAttributes.Directory) == 0);
        Assert.False(File.Exists("/dev/full.png"));
    }

    [Fact]
    public void Screenshot_Issue8_Directory_RefusedWithNothingLeftBeside()
    {
        var target = Directory.CreateDirectory(Path.Combine(_dir, "somedir")).FullName;

        var (status, _, error) = CliRunner.Run("sandbox", "--screenshot", target);

        Assert.Equal(1, status);
        Assert.EndsWith("somedir: is a directory; VmQuest only writes regular files", error.Trim(), StringComparison.Ordinal);
        Assert.Equal([target], Directory.GetFileSystemEntries(_dir));
    }
}
