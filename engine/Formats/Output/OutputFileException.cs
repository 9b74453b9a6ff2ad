namespace VmQuest.Engine.Formats.Output;

/// <summary>
/// An output file could not be written, or may not be (it names a device, a directory, a pipe). The message is
/// one line, <c>FILE: what was wrong</c>, fit to show as is; whatever was at the path before is untouched.
/// </summary>
public sealed class OutputFileException : Exception
{
    /// <summary>Creates the error for <paramref name="file"/>.</summary>
    public OutputFileException(string file, string reason, Exception? inner = null)
        : base(FormatParseException.Sanitize(file) + ": " + FormatParseException.Sanitize(reason), inner)
    {
        File = file;
    }

    /// <summary>Creates the error with a whole message.</summary>
    public OutputFileException()
        : this("<output>", "cannot be written")
    {
    }

    /// <summary>Creates the error with a whole message.</summary>
    public OutputFileException(string message)
        : this("<output>", message)
    {
    }

    /// <summary>Creates the error with a whole message and its cause.</summary>
    public OutputFileException(string message, Exception innerException)
        : this("<output>", message, innerException)
    {
    }

    /// <summary>The path as the user gave it.</summary>
    public string File { get; }
}
