using VmQuest.Cli;

namespace VmQuest.Tests.Game.Cli;

/// <summary>Usage errors are one line in plain words (issue 8: .NET type names leaked; unknown options were read as files).</summary>
public sealed class UsageErrorTextTests
{
    [Theory]
    [InlineData(new[] { "trace", "x.refs", "--tlb-entries", "abc" }, "'abc' is not a valid value for --tlb-entries: expected a whole number")]
    [InlineData(new[] { "sandbox", "--frames", "1e3" }, "'1e3' is not a valid value for --frames: expected a whole number")]
    [InlineData(new[] { "trace", "x.refs", "--seed", "-1" }, "'-1' is not a valid value for --seed: expected a whole number, 0 or more")]
    public void Run_Issue8_BadNumber_OneLineWithoutTypeNames(string[] args, string expected)
    {
        var (status, output, error) = CliRunner.Run(args);

        Assert.Equal(2, status);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("vmquest: " + expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trace", "--bogus")]
    [InlineData("translate", "x86-64", "0x1000", "--seed")]
    [InlineData("maps", "--file", "x", "-q")]
    public void Run_Issue8_UnknownOption_IsUsageErrorNotAFileName(params string[] args)
    {
        var (status, _, error) = CliRunner.Run(args);

        Assert.Equal(2, status);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"vmquest: unknown option '{args[^1]}'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NegativeNumberArgument_IsNotCalledAnOption()
    {
        Assert.Null(UsageErrorText.UnknownOption(VmQuestCommandLine.Build().Parse(["translate", "x86-64", "-1"])));
    }
}
