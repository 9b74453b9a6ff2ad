using System.Numerics;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;
using VmQuest.Platform;
using VmQuest.Play.Translate;

namespace VmQuest.Screens.Play.Panels;

/// <summary>
/// The virtual address in binary, split into its fields: each level's index in that level's colour (the level the
/// walk is at underlined), the offset dim, and under each field its name — and its value once the player has read
/// that level, so the split is shown but never answered ahead of the player.
/// </summary>
internal static class TranslateBitsView
{
    /// <summary>The colour of level <paramref name="level"/>'s index field and walk row (the owner hues, cycled).</summary>
    public static Colour LevelColour(int level) => Palette.OwnerHues[level % Palette.OwnerHues.Count];

    /// <summary>Draws the fields of <paramref name="t"/>'s address inside <paramref name="area"/> (two lines: bits, names).</summary>
    public static void Draw(IRenderBackend backend, RectF area, UiContext ui, MachineDescription machine, PendingTranslation t)
    {
        var fields = machine.Levels.Count + 1;
        var bits = machine.PageShift + machine.Levels.Sum(l => l.IndexBits);
        var size = ui.TextSize;
        var glyph = backend.MeasureText("0", size).X;
        // Fit the bits and one gap per field boundary into the width, shrinking the text when it does not.
        var needed = glyph * (bits + fields - 1);
        if (needed > area.Width)
        {
            size *= area.Width / needed;
            glyph = backend.MeasureText("0", size).X;
        }

        var x = area.X;
        for (var field = 0; field < fields; field++)
        {
            var isOffset = field == machine.Levels.Count;
            var width = isOffset ? machine.PageShift : machine.Levels[field].IndexBits;
            var shift = isOffset ? 0 : machine.LevelShift(field);
            var value = (t.VirtualAddress >> shift) & ((1UL << width) - 1);
            var colour = isOffset ? Palette.TextDim : LevelColour(field);
            backend.DrawText(TranslateLessons.Binary(value, width), new Vector2(x, area.Y), size, colour);
            var span = glyph * width;
            if (!isOffset && field == t.EntriesRead && !t.WalkComplete)
            {
                backend.DrawLine(new Vector2(x, area.Y + (size * 1.15f)), new Vector2(x + span, area.Y + (size * 1.15f)), Palette.Highlight, 2f);
            }

            var name = isOffset ? ui.T("offset", "偏移") : machine.Levels[field].Name;
            var label = !isOffset && field < t.EntriesRead ? FormattableString.Invariant($"{name} {t.Steps[field].Index}") : name;
            backend.DrawText(label, new Vector2(x, area.Y + (area.Height / 2)), ui.SmallSize, colour);
            x += span + glyph;
        }
    }

    /// <summary>The access as a word of the UI's language.</summary>
    public static string AccessVerb(AccessKind access, bool chinese) => access switch
    {
        AccessKind.Write => chinese ? "写入" : "write",
        AccessKind.Execute => chinese ? "取指" : "fetch",
        _ => chinese ? "读取" : "read",
    };

    /// <summary>Splits <paramref name="text"/> into lines no wider than <paramref name="width"/> (at spaces; a run without spaces, such as Chinese, anywhere).</summary>
    public static IEnumerable<string> Wrap(string text, float width, Func<string, float> measure)
    {
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (measure(candidate) <= width)
            {
                line = candidate;
                continue;
            }

            if (line.Length > 0)
            {
                yield return line;
            }

            line = "";
            foreach (var c in word)
            {
                if (line.Length > 0 && measure(line + c) > width)
                {
                    yield return line;
                    line = "";
                }

                line += c;
            }
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
