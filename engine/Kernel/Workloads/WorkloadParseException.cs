using VmQuest.Engine.Formats;

namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// The one error the workload parser throws for bad input: a <see cref="FormatParseException"/> (so the command
/// line and the level loader treat it like every other bad input file) with the parser's own wording:
/// <see cref="Exception.Message"/> is one line, <c>FILE:LINE:COLUMN: expected …, found …</c> or
/// <c>FILE:LINE:COLUMN: description</c>.
/// </summary>
/// <remarks>
/// Invariant: the message never contains a newline, whatever the input held (control characters are escaped).
/// <see cref="FormatParseException.Line"/> and <see cref="FormatParseException.Column"/> are 1-based; 0 means unknown (e.g. the file could not be read).
/// </remarks>
public sealed class WorkloadParseException : FormatParseException
{
    /// <summary>Creates an "expected X, found Y" error.</summary>
    /// <param name="file">File name as the user gave it.</param>
    /// <param name="line">1-based line, or 0.</param>
    /// <param name="column">1-based column, or 0.</param>
    /// <param name="expected">What the parser wanted, e.g. <c>an address after 'write'</c>.</param>
    /// <param name="found">The text found instead; empty means the end of the line.</param>
    public WorkloadParseException(string file, long line, int column, string expected, string found)
        : base(WorkloadErrorText.Where(file, line, column) + "expected " + WorkloadErrorText.Sanitize(expected) + ", found " + WorkloadErrorText.ShowFound(found),
            file, line, column, expected, found, null)
    {
    }

    /// <summary>Creates an error with a free-form one-line description (e.g. a number that does not fit).</summary>
    /// <param name="file">File name as the user gave it.</param>
    /// <param name="line">1-based line, or 0.</param>
    /// <param name="column">1-based column, or 0.</param>
    /// <param name="description">What is wrong; control characters are escaped.</param>
    /// <param name="inner">The underlying exception, if any (an I/O error).</param>
    public WorkloadParseException(string file, long line, int column, string description, Exception? inner = null)
        : base(WorkloadErrorText.Where(file, line, column) + WorkloadErrorText.Sanitize(description), file, line, column, description, string.Empty, inner)
    {
    }

    /// <summary>
    /// True when the only problem is that the text ended inside a <c>repeat</c>/<c>for</c>/<c>if</c> block: a console
    /// should then read more lines rather than report an error (see <see cref="WorkloadParser.IsIncomplete"/>).
    /// </summary>
    public bool IsIncompleteBlock { get; internal init; }
}
