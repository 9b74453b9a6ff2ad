namespace VmQuest.Engine.Machine;

/// <summary>
/// Bad input in a user-supplied file (machine description, OSTEP problem). Its <see cref="Exception.Message"/>
/// is one line, <c>FILE:LINE: what was expected</c>, fit to show the user as is; no stack trace is meant to be
/// printed. Line numbers are 1-based; 0 means the file as a whole.
/// </summary>
public sealed class InputFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/> at <paramref name="line"/>.</summary>
    public InputFileException(string file, long line, string reason)
        : base($"{file}:{line}: {reason.ReplaceLineEndings(" ")}")
    {
        File = file;
        Line = line;
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
        : base(message, innerException)
    {
        File = "<input>";
        Reason = message;
    }

    /// <summary>The file name as the user gave it.</summary>
    public string File { get; } = "<input>";

    /// <summary>1-based line, or 0 for the whole file.</summary>
    public long Line { get; }

    /// <summary>What was wrong and what was expected.</summary>
    public string Reason { get; } = "invalid input";
}
