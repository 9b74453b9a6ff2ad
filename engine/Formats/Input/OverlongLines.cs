namespace VmQuest.Engine.Formats.Input;

/// <summary>What a <see cref="BoundedLineReader"/> does with a line longer than its limit.</summary>
public enum OverlongLines
{
    /// <summary>Throw a <see cref="FormatParseException"/> naming the line and the limit.</summary>
    Reject,

    /// <summary>
    /// Return the line's first <c>MaxLineBytes</c> bytes with <see cref="BoundedLineReader.LastLineTruncated"/> set
    /// and skip the rest without storing it (for formats whose long lines are commentary, e.g. valgrind's own).
    /// </summary>
    Truncate,
}
