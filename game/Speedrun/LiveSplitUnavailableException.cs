namespace VmQuest.Speedrun;

/// <summary>LiveSplit Server could not be reached; the message is one line, fit to show as is.</summary>
public sealed class LiveSplitUnavailableException : Exception
{
    /// <summary>Creates the error.</summary>
    public LiveSplitUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public LiveSplitUnavailableException()
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    public LiveSplitUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
