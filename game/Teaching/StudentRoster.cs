using System.Globalization;
using System.Text.RegularExpressions;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Teaching;

/// <summary>
/// A class list for <c>vmquest assign</c>: one student id per line; blank lines and lines starting with <c>#</c>
/// are skipped. An id names a folder and a replay file (<c>students/ID/</c>, <c>ID.vmqr</c>), so only ids that are
/// safe as a file name on every system are accepted, and two ids that differ only in case are one student (a
/// case-insensitive file system would give them one folder).
/// </summary>
public static partial class StudentRoster
{
    /// <summary>The largest roster file read.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The most students in one roster.</summary>
    public const int MaxStudents = 10_000;

    /// <summary>What a student id must look like, for messages.</summary>
    public const string IdRule = "a student id: 1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit";

    /// <summary>Reads the roster file at <paramref name="path"/> (named in messages as given).</summary>
    /// <exception cref="FormatParseException">Not a readable regular file, too large, or a line that is not a new, safe id (FILE:LINE: …).</exception>
    public static IReadOnlyList<string> Read(string path) => Parse(InputFile.ReadAllText(path, MaxBytes, "a roster of students"), path);

    /// <summary>Parses roster text as if it were the file <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<string>();
        var lineOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string id = lines[i].TrimEnd('\r').Trim();
            if (id.Length == 0 || id.StartsWith('#'))
            {
                continue;
            }

            int line = i + 1;
            if (!IsSafeId(id))
            {
                throw FormatParseException.At(path, line, 1, $"expected {IdRule}, found {Quote(id)}");
            }

            if (lineOf.TryGetValue(id, out int first))
            {
                throw FormatParseException.At(path, line, 1,
                    string.Create(CultureInfo.InvariantCulture, $"student id '{id}' is already on line {first} (ids are compared ignoring case); each student once"));
            }

            if (ids.Count == MaxStudents)
            {
                throw FormatParseException.At(path, line, 1, $"more than {MaxStudents:N0} students; split the class into several rosters");
            }

            lineOf[id] = line;
            ids.Add(id);
        }

        return ids.Count > 0 ? ids : throw new FormatParseException(path, "no student ids (expected one id per line; blank lines and lines starting with # are skipped)");
    }

    /// <summary>Whether <paramref name="id"/> is a safe student id (<see cref="IdRule"/>).</summary>
    public static bool IsSafeId(string id) => SafeId().IsMatch(id);

    private static string Quote(string text) => "\"" + (text.Length <= 60 ? text : text[..60] + "…") + "\"";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();
}
