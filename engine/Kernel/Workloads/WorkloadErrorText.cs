using System.Globalization;
using System.Text;

namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// Builds the one-line messages of <see cref="WorkloadParseException"/> and
/// <see cref="WorkloadEvaluationException"/>: <c>FILE:LINE:COLUMN: text</c>, the shape the format readers use.
/// </summary>
internal static class WorkloadErrorText
{
    /// <summary>Longest excerpt of the input quoted in a message.</summary>
    public const int MaxFoundLength = 60;

    /// <summary><c>FILE:LINE:COLUMN: </c>, leaving out a line or column that is 0 (unknown).</summary>
    public static string Where(string file, long line, int column)
    {
        var sb = new StringBuilder(Sanitize(file));
        if (line > 0)
        {
            sb.Append(':').Append(line.ToString(CultureInfo.InvariantCulture));
            if (column > 0)
            {
                sb.Append(':').Append(column.ToString(CultureInfo.InvariantCulture));
            }
        }

        return sb.Append(": ").ToString();
    }

    /// <summary>How a found token reads in a message: quoted and escaped, or "end of line" when empty.</summary>
    public static string ShowFound(string found) =>
        found.Length == 0
            ? "end of line"
            : "\"" + Sanitize(found.Length <= MaxFoundLength ? found : string.Concat(found.AsSpan(0, MaxFoundLength), "…")) + "\"";

    /// <summary>Escapes control characters so a hostile script cannot put a newline into a message.</summary>
    public static string Sanitize(string s)
    {
        if (!s.Any(NeedsEscape))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 8);
        foreach (char c in s)
        {
            _ = c switch
            {
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                _ when NeedsEscape(c) => sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    // Line and paragraph separators end a line in some terminals, so they are escaped like controls.
    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
