using System.Globalization;
using System.Text;

namespace VmQuest.Levels;

/// <summary>Keeps text from a level on one output line: control characters become visible escapes.</summary>
internal static class OneLine
{
    /// <summary>Longest excerpt of a file's text quoted in a message.</summary>
    public const int MaxQuoted = 60;

    /// <summary>Escapes control characters (<c>\n</c>, <c>\t</c>, <c>\x1B</c>…) so the result holds no line break.</summary>
    public static string Escape(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            _ = c switch
            {
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                _ when char.IsControl(c) => sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    /// <summary>The text in double quotes, shortened to <see cref="MaxQuoted"/> characters, for "found …".</summary>
    public static string Quote(string text) =>
        "\"" + (text.Length <= MaxQuoted ? text : string.Concat(text.AsSpan(0, MaxQuoted), "…")) + "\"";
}
