using System.Globalization;
using System.Text;
using System.Text.Json;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Teaching;

/// <summary>One student's line of the manifest: who, which variant (its level id and hash), and where its files are.</summary>
/// <param name="Student">The student id.</param>
/// <param name="LevelId">The variant's level id (the original's with the student's mark).</param>
/// <param name="Hash">The variant's level hash (64 hex digits), what a replay must name.</param>
/// <param name="Seed">The variant's seed.</param>
/// <param name="StudentFile">The student's level file, relative to the assignment folder (<c>students/ID/LEVEL.yaml</c>).</param>
/// <param name="KeyFile">The teacher's copy, relative to the assignment folder (<c>key/ID/LEVEL.yaml</c>).</param>
public sealed record ManifestEntry(string Student, string LevelId, string Hash, ulong Seed, string StudentFile, string KeyFile);

/// <summary>
/// The manifest of an assignment (<c>manifest.json</c>, and the same table as <c>manifest.csv</c>): the original level,
/// the teacher's seed and one entry per student. <c>vmquest grade</c> reads the JSON one.
/// </summary>
/// <param name="LevelId">The original level's id.</param>
/// <param name="LevelVersion">Its version.</param>
/// <param name="LevelHash">Its hash.</param>
/// <param name="TeacherSeed">The <c>--seed</c> the variants were drawn with.</param>
/// <param name="Varies">What the level's mechanic varies (one phrase).</param>
/// <param name="MetricNames">The level's metrics, in its order (every variant has the same ones).</param>
/// <param name="Students">One entry per student, in roster order.</param>
public sealed record AssignmentManifest(string LevelId, int LevelVersion, string LevelHash, ulong TeacherSeed, string Varies,
    IReadOnlyList<string> MetricNames, IReadOnlyList<ManifestEntry> Students)
{
    /// <summary>The JSON manifest's name in the assignment folder.</summary>
    public const string JsonName = "manifest.json";

    /// <summary>The CSV manifest's name in the assignment folder.</summary>
    public const string CsvName = "manifest.csv";

    /// <summary>The format's name, the JSON's first field.</summary>
    public const string Format = "vmquest-assignment/1";

    /// <summary>The largest manifest read.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The manifest as JSON (indented, LF line ends, a final newline).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteStartObject("level");
            json.WriteString("id", LevelId);
            json.WriteNumber("version", LevelVersion);
            json.WriteString("hash", LevelHash);
            json.WriteEndObject();
            json.WriteString("seed", TeacherSeed.ToString(CultureInfo.InvariantCulture));
            json.WriteString("varies", Varies);
            json.WriteStartArray("metrics");
            foreach (string name in MetricNames)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteStartArray("students");
            foreach (var entry in Students)
            {
                json.WriteStartObject();
                json.WriteString("student", entry.Student);
                json.WriteString("level", entry.LevelId);
                json.WriteString("hash", entry.Hash);
                json.WriteString("seed", entry.Seed.ToString(CultureInfo.InvariantCulture));
                json.WriteString("file", entry.StudentFile);
                json.WriteString("key", entry.KeyFile);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>The manifest as CSV: a header, then student, level, hash, seed, file, key per line.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("student,level,hash,seed,file,key\n");
        foreach (var e in Students)
        {
            csv.Append(CsvText.Row(e.Student, e.LevelId, e.Hash, e.Seed.ToString(CultureInfo.InvariantCulture), e.StudentFile, e.KeyFile));
        }

        return csv.ToString();
    }

    /// <summary>Reads <c>manifest.json</c> of the assignment folder <paramref name="folder"/>.</summary>
    /// <exception cref="FormatParseException">Missing, too large, not JSON, or not a manifest (one line naming the file).</exception>
    public static AssignmentManifest Read(string folder)
    {
        string path = Path.Combine(folder, JsonName);
        if (InputFile.Probe(path) == InputFileKind.Missing)
        {
            throw new FormatParseException(path, "no such file; expected the manifest 'vmquest assign' writes (is this an assignment folder?)");
        }

        string text = InputFile.ReadAllText(path, MaxBytes, "an assignment manifest");
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (Text(root, "format") != Format)
            {
                throw new FormatParseException(path, $"expected \"format\": \"{Format}\"");
            }

            var level = root.GetProperty("level");
            var students = root.GetProperty("students").EnumerateArray().Select(s => new ManifestEntry(
                SafeStudent(path, Text(s, "student")), Text(s, "level"), Text(s, "hash"),
                ulong.Parse(Text(s, "seed"), NumberStyles.None, CultureInfo.InvariantCulture),
                Relative(path, Text(s, "file")), Relative(path, Text(s, "key")))).ToList();
            return new AssignmentManifest(Text(level, "id"), level.GetProperty("version").GetInt32(), Text(level, "hash"),
                ulong.Parse(Text(root, "seed"), NumberStyles.None, CultureInfo.InvariantCulture), Text(root, "varies"),
                [.. root.GetProperty("metrics").EnumerateArray().Select(m => m.GetString() ?? throw new InvalidOperationException("a metric is null"))],
                students);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new FormatParseException(path, "not a manifest written by 'vmquest assign' (" + e.Message.Split('\n')[0] + ")");
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"'{name}' is null");

    private static string SafeStudent(string path, string id) =>
        StudentRoster.IsSafeId(id) ? id : throw new FormatParseException(path, $"expected {StudentRoster.IdRule} in \"student\", found \"{id}\"");

    // The manifest names files inside the assignment folder only: a path that climbs out (or is absolute) is refused.
    private static string Relative(string path, string file) =>
        !Path.IsPathRooted(file) && !file.Split('/').Any(part => part is ".." or "") ? file
            : throw new FormatParseException(path, $"expected a path inside the assignment folder, found \"{file}\"");
}
