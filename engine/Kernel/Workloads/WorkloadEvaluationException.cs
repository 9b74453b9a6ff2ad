namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// A workload failed while running: an unknown symbol, a 64-bit overflow, a negative size or count, a zero
/// loop step. <see cref="Exception.Message"/> is one line, <c>FILE:LINE:COLUMN: description</c>, pointing at the
/// expression (or statement) at fault. The kernel treats it like a crash of the simulated program.
/// </summary>
public sealed class WorkloadEvaluationException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="file">The script's file name.</param>
    /// <param name="position">Where the failing expression or statement is.</param>
    /// <param name="description">What went wrong; control characters are escaped.</param>
    public WorkloadEvaluationException(string file, SourcePosition position, string description)
        : base(WorkloadErrorText.Where(file, position.Line, position.Column) + WorkloadErrorText.Sanitize(description))
    {
        File = file;
        Line = position.Line;
        Column = position.Column;
        Description = description;
    }

    /// <summary>The script's file name.</summary>
    public string File { get; }

    /// <summary>1-based line; 0 when unknown.</summary>
    public long Line { get; }

    /// <summary>1-based column; 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The description without the position prefix.</summary>
    public string Description { get; }
}
