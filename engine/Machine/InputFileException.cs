using VmQuest.Engine.Formats;

namespace VmQuest.Engine.Machine;

/// <summary>
/// Bad input in a user-supplied file (machine description, OSTEP problem): a <see cref="FormatParseException"/>,
/// so every caller that handles bad input handles it. Its <see cref="Exception.Message"/> is one line,
/// <c>FILE:LINE: what was expected</c> (just <c>FILE: …</c> when the problem is the file as a whole), fit to show
/// the user as is. Line numbers are 1-based; a line of 0 is never printed.
/// </summary>
public sealed class InputFileException : FormatParseException
{
    /// <summary>Creates the exception for <paramref name="file"/> at <paramref name="line"/> (0: the whole file).</summary>
    public InputFileException(string file, long line, string reason)
        : base(Where(file, line, 0) + ": " + Sanitize(reason), file, line, 0, reason, string.Empty, null)
    {
        Reason = reason;
    }

    /// <summary>Creates the exception without position (prefer the other constructor).</summary>
    public InputFileException()
        : this("<input>", 0, "invalid input")
    {
    }

    /// <summary>Creates the exception with a preformatted message.</summary>
    public InputFileException(string message)
        : this("<input>", 0, message)
    {
    }

    /// <summary>Creates the exception with a preformatted message and cause.</summary>
    public InputFileException(string message, Exception innerException)
        : base(Sanitize(message), "<input>", 0, 0, message, string.Empty, innerException)
    {
        Reason = message;
    }

    /// <summary>What was wrong and what was expected.</summary>
    public string Reason { get; } = "invalid input";
}
