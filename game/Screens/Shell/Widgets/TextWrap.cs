using System.Text;

namespace VmQuest.Screens.Shell.Widgets;

/// <summary>
/// Breaks text into lines no wider than a width: between words in English, between any two characters in
/// Chinese (CJK text has no spaces), never before closing punctuation such as <c>，。：！？）</c>, which stays with
/// the character before it. A space between two CJK characters is dropped: it is what YAML's line folding leaves
/// where a Chinese paragraph was broken across lines in a level file, and Chinese puts no spaces there.
/// </summary>
public static class TextWrap
{
    /// <summary>
    /// The lines of <paramref name="text"/> for <paramref name="width"/>, measured with <paramref name="measure"/>
    /// (the backend's text width at the size it will be drawn). Newlines in the text start new lines. A single
    /// unit wider than the width (a very long word) gets a line of its own rather than being cut.
    /// </summary>
    public static IReadOnlyList<string> Lines(string text, float width, Func<string, float> measure)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(measure);
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(DropFoldedSpaces))
        {
            var line = new StringBuilder();
            foreach (var unit in Units(paragraph))
            {
                var candidate = line.Length == 0 ? unit.TrimStart() : line + unit;
                if (line.Length > 0 && measure(candidate.TrimEnd()) > width)
                {
                    lines.Add(line.ToString().TrimEnd());
                    line.Clear().Append(unit.TrimStart());
                }
                else
                {
                    line.Clear().Append(candidate);
                }
            }

            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }

    // "满时， 由你" → "满时，由你"; "Linux 的" keeps its space (one side is Latin).
    private static string DropFoldedSpaces(string paragraph)
    {
        var kept = new StringBuilder(paragraph.Length);
        for (var i = 0; i < paragraph.Length; i++)
        {
            var between = paragraph[i] == ' ' && i > 0 && i + 1 < paragraph.Length && IsCjk(paragraph[i - 1]) && IsCjk(paragraph[i + 1]);
            if (!between)
            {
                kept.Append(paragraph[i]);
            }
        }

        return kept.ToString();
    }

    /// <summary>Whether <paramref name="c"/> is a CJK character (a line may break before and after it).</summary>
    public static bool IsCjk(char c) =>
        c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF' or >= '\u3000' and <= '\u303F';

    /// <summary>Punctuation that must not start a line.</summary>
    public static bool IsClosing(char c) => "，。、：；！？）》」』】,.;:!?)”’%".Contains(c, StringComparison.Ordinal);

    // The pieces a line may break between: spaces then a word, or spaces then one CJK character; closing
    // punctuation joins the piece before it.
    private static IEnumerable<string> Units(string paragraph)
    {
        var unit = new StringBuilder();
        var hasContent = false;
        var cjkPiece = false;
        foreach (var c in paragraph)
        {
            var breaksBefore = hasContent && !IsClosing(c) && (c == ' ' || IsCjk(c) || cjkPiece);
            if (breaksBefore)
            {
                yield return unit.ToString();
                unit.Clear();
                hasContent = false;
                cjkPiece = false;
            }

            unit.Append(c);
            if (c != ' ')
            {
                cjkPiece = hasContent ? cjkPiece || IsCjk(c) : IsCjk(c);
                hasContent = true;
            }
        }

        if (unit.Length > 0)
        {
            yield return unit.ToString();
        }
    }
}
