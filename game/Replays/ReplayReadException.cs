using VmQuest.Engine.Formats;

namespace VmQuest.Replays;

/// <summary>A replay file that cannot be read: one line, <c>FILE:LINE:COL: what was expected</c>, with the kind of problem.</summary>
public sealed class ReplayReadException : FormatParseException
{
    /// <summary>Creates the error at a position.</summary>
    public ReplayReadException(ReplayProblem problem, string file, long line, int column, string description)
        : base(At(file, line, column, description).Message, file, line, column, description, string.Empty, null)
    {
        Problem = problem;
    }

    /// <summary>Creates the error from a reader's own limit error (too long a line, too large a file).</summary>
    public ReplayReadException(FormatParseException limit)
        : base(limit?.Message ?? string.Empty, limit?.File ?? string.Empty, limit?.Line ?? 0, limit?.Column ?? 0, limit?.Expected ?? string.Empty, string.Empty, limit)
    {
        Problem = ReplayProblem.Malformed;
    }

    /// <summary>What kind of problem it is.</summary>
    public ReplayProblem Problem { get; }
}
