namespace VmQuest.Engine.Formats.Input;

/// <summary>The limits a <see cref="BoundedLineReader"/> enforces while it reads.</summary>
/// <param name="What">What the file is, for messages: <c>"a lackey trace"</c>.</param>
/// <param name="MaxLineBytes">Longest line in bytes, without its line end (a constant of <see cref="InputLimits"/>).</param>
/// <param name="MaxLines">Most lines; unlimited by default.</param>
/// <param name="MaxTotalBytes">Most bytes in the whole stream; unlimited by default (a streamed trace has no total limit).</param>
/// <param name="Overlong">What to do with a line longer than <paramref name="MaxLineBytes"/>.</param>
public readonly record struct LineLimits(
    string What,
    int MaxLineBytes,
    long MaxLines = long.MaxValue,
    long MaxTotalBytes = long.MaxValue,
    OverlongLines Overlong = OverlongLines.Reject);
