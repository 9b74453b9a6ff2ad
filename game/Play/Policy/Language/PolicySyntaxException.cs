using System.Globalization;

namespace VmQuest.Play.Policy.Language;

/// <summary>
/// A policy text that does not compile: where (1-based line and column of the policy text) and what was expected.
/// <see cref="Exception.Message"/> is <c>LINE:COL: what was expected</c>, one line.
/// </summary>
public sealed class PolicySyntaxException : Exception
{
    /// <summary>Creates the error at <paramref name="line"/>:<paramref name="column"/>.</summary>
    public PolicySyntaxException(int line, int column, string expected)
        : this(line, column, expected, expected)
    {
    }

    /// <summary>Creates the error at <paramref name="line"/>:<paramref name="column"/>, saying what was expected in English and in Chinese.</summary>
    public PolicySyntaxException(int line, int column, string expected, string expectedZh)
        : base(string.Create(CultureInfo.InvariantCulture, $"{line}:{column}: {expected}"))
    {
        Line = line;
        Column = column;
        Expected = expected;
        MessageZh = string.Create(CultureInfo.InvariantCulture, $"{line}:{column}: {expectedZh}");
    }

    /// <summary>Creates an error with no position (for completeness; the compiler always gives one).</summary>
    public PolicySyntaxException()
        : this(1, 1, "the policy does not compile")
    {
    }

    /// <summary>Creates an error at 1:1.</summary>
    public PolicySyntaxException(string message)
        : this(1, 1, message)
    {
    }

    /// <summary>Creates an error at 1:1 with an inner exception.</summary>
    public PolicySyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Line = 1;
        Column = 1;
        Expected = message;
        MessageZh = message;
    }

    /// <summary>The message in Simplified Chinese (the same position, <c>LINE:COL: 应当是什么</c>).</summary>
    public string MessageZh { get; }

    /// <summary>1-based line in the policy text.</summary>
    public int Line { get; }

    /// <summary>1-based column in the policy text.</summary>
    public int Column { get; }

    /// <summary>What was expected there, without the position.</summary>
    public string Expected { get; }
}
