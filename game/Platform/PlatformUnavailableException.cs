namespace VmQuest.Platform;

/// <summary>
/// The window, renderer, graphics libraries or fonts cannot be used. The message is one line meant for the user
/// (it says what to install or what failed); the command line prints it and exits non-zero.
/// </summary>
public sealed class PlatformUnavailableException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public PlatformUnavailableException()
    {
    }

    /// <summary>Creates the exception with a user-facing message.</summary>
    public PlatformUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and its cause.</summary>
    public PlatformUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
