using VmQuest.Cli;

namespace VmQuest.Tests.Game.Cli;

public class VmQuestCommandLineTests
{
    [Fact]
    public void Run_Help_DescribesTheGameAndExitsZero()
    {
        var (status, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, status);
        Assert.Contains("teaches the Linux virtual-memory system", output, StringComparison.Ordinal);
        Assert.Contains("--version", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoArguments_ShowsHelpAndExitsZero()
    {
        var (status, output, _) = CliRunner.Run();
        Assert.Equal(0, status);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Version_PrintsTheAssemblyVersion()
    {
        var (status, output, _) = CliRunner.Run("--version");
        Assert.Equal(0, status);
        Assert.StartsWith("0.1.0", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownArgument_OneLineErrorAndUsageStatus()
    {
        var (status, output, error) = CliRunner.Run("--bogus");
        Assert.Equal(VmQuestCommandLine.UsageError, status);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'--bogus'", line, StringComparison.Ordinal);
        Assert.StartsWith("vmquest: ", line, StringComparison.Ordinal);
    }
}
