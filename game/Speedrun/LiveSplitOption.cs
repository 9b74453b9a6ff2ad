using System.CommandLine;
using System.CommandLine.Parsing;

namespace VmQuest.Speedrun;

/// <summary>The <c>--livesplit HOST:PORT</c> option of the commands that play (<c>vmquest play</c>).</summary>
public static class LiveSplitOption
{
    /// <summary>A fresh option; a value that is not an address is a usage error (exit 2) naming what was expected.</summary>
    public static Option<LiveSplitAddress?> Create() => new("--livesplit")
    {
        Description = "Drive LiveSplit live through its TCP server (Control → Start TCP Server): real time as its Real Time, "
            + $"load-removed time as its Game Time; HOST[:PORT], default port {LiveSplitAddress.DefaultPort} (docs/speedrun.md)",
        HelpName = "HOST:PORT",
        CustomParser = Parse,
    };

    private static LiveSplitAddress? Parse(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (LiveSplitAddress.TryParse(text, out var reason) is { } address)
        {
            return address;
        }

        result.AddError(reason);
        return null;
    }
}
