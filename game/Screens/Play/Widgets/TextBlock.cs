using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.Screens.Play.Widgets;

/// <summary>
/// Word-wrapped text: splits on spaces (and between CJK characters, which have none) so every line fits the width
/// measured by the backend. Used for briefings, refusals and failures.
/// </summary>
public static class TextBlock
{
    /// <summary>The lines <paramref name="text"/> wraps to at <paramref name="size"/> within <paramref name="width"/> pixels.</summary>
    public static IReadOnlyList<string> Wrap(IRenderBackend backend, string text, float size, float width)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(text);
        return TextMeasure.Wrapped(backend, text, size, width, () => WrapNow(backend, text, size, width));
    }

    private static List<string> WrapNow(IRenderBackend backend, string text, float size, float width)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (var token in Tokens(text))
        {
            var candidate = line.Length == 0 ? token.TrimStart() : line + token;
            if (line.Length > 0 && backend.MeasureText(candidate, size).X > width)
            {
                lines.Add(line.ToString().TrimEnd());
                line.Clear().Append(token.TrimStart());
            }
            else
            {
                line.Clear().Append(candidate);
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }

    /// <summary>Draws <paramref name="text"/> wrapped, from <paramref name="at"/>; returns the y below the last line.</summary>
    public static float Draw(IRenderBackend backend, string text, Vector2 at, float size, float width, Colour colour, int maxLines = int.MaxValue)
    {
        var lines = Wrap(backend, text, size, width);
        var y = at.Y;
        for (var i = 0; i < lines.Count && i < maxLines; i++)
        {
            var shown = i == maxLines - 1 && lines.Count > maxLines ? lines[i] + " …" : lines[i];
            backend.DrawText(shown, new Vector2(at.X, y), size, colour);
            y += size * 1.35f;
        }

        return y;
    }

    private const string ClosingPunctuation = "。，、；：？！）」』》〉…";

    // Words with their leading space; a CJK character is a token of its own (Chinese has no spaces to break at), with
    // the closing punctuation after it.
    private static IEnumerable<string> Tokens(string text)
    {
        var token = new System.Text.StringBuilder();
        var afterCjk = false;
        foreach (var c in text)
        {
            var cjk = c >= '\u2E80' && c <= '\uFFEF';
            if (ClosingPunctuation.Contains(c))
            {
                // A closing mark never starts a line: it stays with the character before it.
                token.Append(c);
                continue;
            }

            if ((c == ' ' || cjk || afterCjk) && token.Length > 0)
            {
                yield return token.ToString();
                token.Clear();
            }

            token.Append(c);
            afterCjk = cjk;
        }

        if (token.Length > 0)
        {
            yield return token.ToString();
        }
    }
}
