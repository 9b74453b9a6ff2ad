using System.CommandLine;
using VmQuest.Speedrun;

namespace VmQuest.Tests.Game.Speedrun;

/// <summary>The <c>--livesplit</c> option: an address, or a usage error that says what was expected.</summary>
public sealed class LiveSplitOptionTests
{
    [Fact]
    public void Parse_HostAndPort_TheAddress()
    {
        var option = LiveSplitOption.Create();
        var result = new RootCommand { option }.Parse(["--livesplit", "localhost:16835"]);

        Assert.Empty(result.Errors);
        Assert.Equal(new LiveSplitAddress("localhost", 16835), result.GetValue(option));
    }

    [Fact]
    public void Parse_NotAnAddress_OneErrorSayingWhatWasExpected()
    {
        var option = LiveSplitOption.Create();
        var result = new RootCommand { option }.Parse(["--livesplit", "localhost:port"]);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("'localhost:port' is not a LiveSplit address: expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Absent_Null()
    {
        var option = LiveSplitOption.Create();

        Assert.Null(new RootCommand { option }.Parse([]).GetValue(option));
    }
}
