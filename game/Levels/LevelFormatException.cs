using System.Globalization;
using System.Text;
using VmQuest.Engine.Formats;

namespace VmQuest.Levels;

/// <summary>
/// A problem in a level file: <c>FILE:LINE:COL: FIELD: what was expected</c>, one line, fit to print after
/// <c>vmquest: </c>. <see cref="Field"/> is the path of the offending field (<c>metrics[2].par</c>), empty for the
/// file as a whole.
/// </summary>
/// <remarks>
/// Invariant: the message never contains a newline (control characters from the file are escaped), so a hostile
/// level cannot forge output lines. It is a <see cref="FormatParseException"/>, so every command prints it the
/// same way as any other bad input (exit status 1).
/// </remarks>
public sealed class LevelFormatException : FormatParseException
{
    /// <summary>Creates the error at a position of <paramref name="file"/>.</summary>
    /// <param name="file">The level file as the user named it.</param>
    /// <param name="line">1-based line, or 0 for the file as a whole.</param>
    /// <param name="column">1-based column, or 0.</param>
    /// <param name="field">The field path, or empty.</param>
    /// <param name="description">What was wrong and what was expected.</param>
    public LevelFormatException(string file, long line, int column, string field, string description)
        : base(Compose(file, line, column, field, description), file, line, column, description, string.Empty, null)
    {
        Field = field;
        Description = description;
    }

    /// <summary>The field path, e.g. <c>metrics[2].par</c>; empty for the file as a whole.</summary>
    public string Field { get; }

    /// <summary>The description alone, without file, position or field.</summary>
    public string Description { get; }

    private static string Compose(string file, long line, int column, string field, string description)
    {
        var where = new StringBuilder(OneLine.Escape(file));
        if (line > 0)
        {
            where.Append(':').Append(line.ToString(CultureInfo.InvariantCulture));
            if (column > 0)
            {
                where.Append(':').Append(column.ToString(CultureInfo.InvariantCulture));
            }
        }

        where.Append(": ");
        if (field.Length > 0)
        {
            where.Append(OneLine.Escape(field)).Append(": ");
        }

        return where.Append(OneLine.Escape(description)).ToString();
    }
}
