using System.Text;
using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Formats;

namespace VmQuest.Tests.Engine.Formats;

/// <summary>Random damage to valid text (edits and truncations) for reader properties, and the "only typed errors" check.</summary>
internal static class TextMutation
{
    /// <summary>Texts made from <paramref name="text"/> by random deletions, insertions and replacements, sometimes cut short.</summary>
    public static Gen<string> Mutated(string text)
    {
        var alphabet = Gen.Elements('0', '9', 'a', 'f', 'g', '-', ':', ' ', '\n', '\r', '[', ']', '{', '}', '&', '*', '!', '|', '"', '\'', '/', ',', 'I', 'M', '=', '#', 'x', '\0', 'é');
        var edit = from pos in Gen.Choose(0, text.Length - 1)
                   from op in Gen.Choose(0, 2)
                   from ch in alphabet
                   select (pos, op, ch);
        return from edits in Gen.NonEmptyListOf(edit)
               from cut in Gen.Frequency((3, Gen.Constant(text.Length)), (1, Gen.Choose(0, text.Length)))
               select Apply(text, edits, cut);
    }

    /// <summary>True when <paramref name="parse"/> succeeds or fails only with a one-line <see cref="FormatParseException"/>.</summary>
    public static bool OnlyTyped(Action parse)
    {
        try
        {
            parse();
            return true;
        }
        catch (FormatParseException e)
        {
            return !e.Message.Contains('\n', StringComparison.Ordinal) && !e.Message.Contains('\r', StringComparison.Ordinal);
        }
    }

    private static string Apply(string text, IEnumerable<(int Pos, int Op, char Ch)> edits, int cut)
    {
        var sb = new StringBuilder(text);
        foreach (var (pos, op, ch) in edits)
        {
            int p = Math.Min(pos, sb.Length - 1);
            if (p < 0)
            {
                break;
            }

            _ = op switch { 0 => sb.Remove(p, 1), 1 => sb.Insert(p, ch), _ => sb.Replace(sb[p], ch, p, 1) };
        }

        return sb.ToString(0, Math.Min(cut, sb.Length));
    }
}
