namespace VmQuest.Replays;

/// <summary>
/// The replay file's text form, one record per line (so a replay diffs, greps and survives e-mail):
/// <code>
/// vmquest-replay 1
/// rules 1
/// level fork-cow 3 sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
/// seed 42
/// hash-interval 64
/// claim cycles 123456
/// claim faults 7
/// action 12 victim frame=3
/// state 64 3fa2b1c4d5e6f708
/// end 1 1
/// </code>
/// Lines starting with <c>#</c> and blank lines are ignored. The <c>end</c> line repeats the number of actions and
/// checkpoints, so a file cut short anywhere (even at a line boundary) is told apart from a complete one.
/// </summary>
public static class ReplayFormat
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int Version = 1;

    /// <summary>The first word of the first line.</summary>
    public const string Magic = "vmquest-replay";

    /// <summary>Largest replay file read (about 400,000 actions).</summary>
    public const int MaxFileBytes = 16 << 20;

    /// <summary>Longest line read.</summary>
    public const int MaxLineBytes = 4096;

    /// <summary>Most actions a replay holds.</summary>
    public const int MaxActions = 1_000_000;

    /// <summary>Most arguments one action holds.</summary>
    public const int MaxArguments = 16;

    /// <summary>Most claimed metrics (a level declares 3–4).</summary>
    public const int MaxClaims = 8;

    /// <summary>True when <paramref name="word"/> may stand as a name or value: printable ASCII, no space, no '=' or '#'.</summary>
    public static bool IsWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length is 0 or > 256)
        {
            return false;
        }

        foreach (char c in word)
        {
            if (c is <= ' ' or > '~' or '=' or '#')
            {
                return false;
            }
        }

        return true;
    }
}
