namespace VmQuest.Records;

/// <summary>
/// The records cannot be used as asked; the database file is untouched. <see cref="Exception.Message"/> is one
/// line, <c>FILE: what is wrong</c>, fit to show after <c>vmquest: </c> (commands exit 1 with it).
/// </summary>
public sealed class RecordsException : Exception
{
    /// <summary>Creates the refusal for <paramref name="file"/>.</summary>
    public RecordsException(RecordsRefusal refusal, string file, string reason, Exception? inner = null)
        : base($"{file}: {reason}".ReplaceLineEndings(" "), inner)
    {
        Refusal = refusal;
        File = file;
    }

    /// <summary>Creates a refusal with a whole message.</summary>
    public RecordsException()
        : this(RecordsRefusal.CannotOpen, "records", "cannot be used")
    {
    }

    /// <summary>Creates a refusal with a whole message.</summary>
    public RecordsException(string message)
        : this(RecordsRefusal.CannotOpen, "records", message)
    {
    }

    /// <summary>Creates a refusal with a whole message and its cause.</summary>
    public RecordsException(string message, Exception innerException)
        : this(RecordsRefusal.CannotOpen, "records", message, innerException)
    {
    }

    /// <summary>Why the records were refused.</summary>
    public RecordsRefusal Refusal { get; }

    /// <summary>The file (or directory) concerned.</summary>
    public string File { get; }
}
