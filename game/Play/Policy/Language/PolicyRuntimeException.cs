using System.Globalization;

namespace VmQuest.Play.Policy.Language;

/// <summary>
/// A policy that failed while it ran: it exceeded its step budget, divided by zero or overflowed. The message is
/// <c>LINE:COL: what went wrong</c> (the place in the policy text); the session adds the tick.
/// </summary>
public sealed class PolicyRuntimeException : Exception
{
    /// <summary>Creates the error at <paramref name="line"/>:<paramref name="column"/> of the policy text.</summary>
    public PolicyRuntimeException(int line, int column, string what)
        : this(line, column, what, what)
    {
    }

    /// <summary>Creates the error at <paramref name="line"/>:<paramref name="column"/>, saying what went wrong in English and in Chinese.</summary>
    public PolicyRuntimeException(int line, int column, string what, string whatZh)
        : base(string.Create(CultureInfo.InvariantCulture, $"{line}:{column}: {what}"))
    {
        MessageZh = string.Create(CultureInfo.InvariantCulture, $"{line}:{column}: {whatZh}");
    }

    /// <summary>Creates an error with no position.</summary>
    public PolicyRuntimeException()
        : this(1, 1, "the policy failed")
    {
    }

    /// <summary>Creates an error at 1:1.</summary>
    public PolicyRuntimeException(string message)
        : this(1, 1, message)
    {
    }

    /// <summary>Creates an error with an inner exception.</summary>
    public PolicyRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
        MessageZh = message;
    }

    /// <summary>The message in Simplified Chinese (the same position, <c>LINE:COL: 出了什么错</c>).</summary>
    public string MessageZh { get; }
}
