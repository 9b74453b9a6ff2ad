using System.Globalization;

namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// A place in a workload script: 1-based line and 1-based column (columns count UTF-16 code units; a tab is
/// one column). <c>default</c> (0:0) means "no position", used for the implicit exit at the end of a program.
/// </summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column number.</param>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>Formats the position as <c>LINE:COLUMN</c>.</summary>
    public override string ToString() =>
        Line.ToString(CultureInfo.InvariantCulture) + ":" + Column.ToString(CultureInfo.InvariantCulture);
}
