using System.Text;

namespace VmQuest.Teaching;

/// <summary>CSV as RFC 4180 writes it: a field with a comma, a quote or a line break is quoted, quotes doubled; LF line ends.</summary>
public static class CsvText
{
    /// <summary>One row, ending in a line feed.</summary>
    public static string Row(params IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var row = new StringBuilder();
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                row.Append(',');
            }

            string field = fields[i];
            row.Append(field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field);
        }

        return row.Append('\n').ToString();
    }
}
