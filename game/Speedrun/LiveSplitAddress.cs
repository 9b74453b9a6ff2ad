using System.Globalization;

namespace VmQuest.Speedrun;

/// <summary>Where LiveSplit Server listens: <c>HOST:PORT</c>, <c>HOST</c> (port 16834, the server's default) or <c>[IPv6]:PORT</c>.</summary>
/// <param name="Host">A host name or IP address.</param>
/// <param name="Port">The TCP port, 1 to 65535.</param>
public readonly record struct LiveSplitAddress(string Host, int Port)
{
    /// <summary>LiveSplit Server's default TCP port.</summary>
    public const int DefaultPort = 16834;

    /// <summary>Reads <paramref name="text"/>; <c>null</c> with a reason when it is not an address.</summary>
    public static LiveSplitAddress? TryParse(string text, out string reason)
    {
        reason = string.Empty;
        string host = text;
        string? port = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                reason = $"'{text}' is not a LiveSplit address: expected the closing ']' of an IPv6 address";
                return null;
            }

            host = text[1..close];
            if (close + 1 < text.Length)
            {
                if (text[close + 1] != ':')
                {
                    reason = $"'{text}' is not a LiveSplit address: expected ':PORT' after ']'";
                    return null;
                }

                port = text[(close + 2)..];
            }
        }
        else if (text.LastIndexOf(':') is var colon and >= 0)
        {
            host = text[..colon];
            port = text[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            reason = $"'{text}' is not a LiveSplit address: expected HOST:PORT, e.g. localhost:{DefaultPort}";
            return null;
        }

        int number = DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            reason = $"'{text}' is not a LiveSplit address: expected a port from 1 to 65535 after ':'";
            return null;
        }

        return new LiveSplitAddress(host, number);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        (Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);
}
