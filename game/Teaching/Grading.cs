using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;
using VmQuest.Levels.Loading;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Replays;

namespace VmQuest.Teaching;

/// <summary>One row of the results table: a student, their variant, what grading found, and the verified metrics with the variant's pars.</summary>
/// <param name="Student">The student id.</param>
/// <param name="Variant">The variant's level id.</param>
/// <param name="Hash">The variant's level hash.</param>
/// <param name="Status">Passed, failed, missing or wrong variant.</param>
/// <param name="Reason">Why it did not pass (one line), or null.</param>
/// <param name="Metrics">The verified metrics with the variant's pars (empty unless passed).</param>
public sealed record GradeRow(string Student, string Variant, string Hash, GradeStatus Status, string? Reason,
    IReadOnlyList<(string Name, long Value, long Par)> Metrics)
{
    /// <summary>How many of the variant's pars the replay meets (0 unless passed).</summary>
    public int ParsMet => Metrics.Count(m => m.Value <= m.Par);

    /// <summary>The status as the table writes it: <c>passed</c>, <c>failed</c>, <c>missing</c>, <c>wrong-variant</c>.</summary>
    public string StatusText => Status switch
    {
        GradeStatus.Passed => "passed",
        GradeStatus.Failed => "failed",
        GradeStatus.Missing => "missing",
        _ => "wrong-variant",
    };
}

/// <summary>
/// <c>vmquest grade</c>'s work: for each student of an assignment's manifest, their replay (<c>RDIR/ID.vmqr</c>) is
/// verified by the game's verifier against that student's own variant (the teacher's copy in <c>key/ID/</c>). A
/// replay whose level hash is another student's variant (or the original level's) is a wrong variant, never a pass.
/// </summary>
public static class Grading
{
    /// <summary>The replays' default folder inside the assignment folder.</summary>
    public const string ReplaysFolder = "replays";

    /// <summary>The results table's name in the assignment folder.</summary>
    public const string ResultsName = "results.csv";

    /// <summary>A student's replay file in <paramref name="replays"/>: <c>ID.vmqr</c>.</summary>
    public static string ReplayOf(string replays, string student) => Path.Combine(replays, student + ".vmqr");

    /// <summary>Grades every student of <paramref name="manifest"/> (read from <paramref name="folder"/>) from the replays in <paramref name="replays"/>.</summary>
    public static IReadOnlyList<GradeRow> Run(string folder, AssignmentManifest manifest, string replays)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var byHash = manifest.Students.ToDictionary(s => "sha256:" + s.Hash, s => s.Student, StringComparer.Ordinal);
        return [.. manifest.Students.Select(entry => Grade(folder, manifest, entry, replays, byHash))];
    }

    private static GradeRow Grade(string folder, AssignmentManifest manifest, ManifestEntry entry, string replays, Dictionary<string, string> byHash)
    {
        GradeRow Row(GradeStatus status, string? reason, IReadOnlyList<(string, long, long)>? metrics = null) =>
            new(entry.Student, entry.LevelId, entry.Hash, status, reason, metrics ?? []);

        string path = ReplayOf(replays, entry.Student);
        if (InputFile.Probe(path) == InputFileKind.Missing)
        {
            return Row(GradeStatus.Missing, null);
        }

        ReplayFile replay;
        Level level;
        try
        {
            replay = ReplayReader.Read(path);
        }
        catch (FormatParseException e)
        {
            return Row(GradeStatus.Failed, e.Message);
        }

        if (replay.LevelHash != "sha256:" + entry.Hash)
        {
            if (byHash.TryGetValue(replay.LevelHash, out string? owner))
            {
                return Row(GradeStatus.WrongVariant, $"made for {owner}'s variant ({owner}'s level {ShortHash(replay.LevelHash)}), not {entry.Student}'s");
            }

            if (manifest.Students.FirstOrDefault(s => s.LevelId == replay.LevelId && s.Student != entry.Student) is { } named)
            {
                return Row(GradeStatus.WrongVariant, $"made for a changed copy of {named.Student}'s variant (level '{replay.LevelId}'), not {entry.Student}'s");
            }

            if (replay.LevelHash == "sha256:" + manifest.LevelHash)
            {
                return Row(GradeStatus.WrongVariant, $"made for the original level '{manifest.LevelId}', not {entry.Student}'s variant");
            }
        }

        try
        {
            level = LevelLoader.Load(Path.Combine(folder, entry.KeyFile));
        }
        catch (FormatParseException e)
        {
            return Row(GradeStatus.Failed, "the teacher's copy of the variant does not load: " + e.Message);
        }

        VerifyResult result;
        try
        {
            result = ReplayVerifier.Verify(replay, level);
        }
        catch (FormatParseException e)
        {
            return Row(GradeStatus.Failed, "its level cannot be verified: " + e.Message);
        }

        if (!result.Verified)
        {
            return Row(GradeStatus.Failed, result.Reason);
        }

        return Row(GradeStatus.Passed, null, [.. result.Metrics.Select(m => (m.Name, m.Value, level.Metrics.First(l => l.Name == m.Name).Par))]);
    }

    /// <summary>The results as CSV: student, variant, hash, status, reason, then each metric and its par, then pars-met.</summary>
    public static string ToCsv(IReadOnlyList<GradeRow> rows, IReadOnlyList<string> metricNames)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(metricNames);
        var header = new List<string> { "student", "variant", "hash", "status", "reason" };
        foreach (string name in metricNames)
        {
            header.Add(name);
            header.Add(name + "-par");
        }

        header.Add("pars-met");
        var csv = new System.Text.StringBuilder(CsvText.Row(header));
        foreach (var row in rows)
        {
            var fields = new List<string> { row.Student, row.Variant, row.Hash, row.StatusText, row.Reason ?? "" };
            foreach (string name in metricNames)
            {
                var metric = row.Metrics.FirstOrDefault(m => m.Name == name);
                fields.Add(metric.Name is null ? "" : metric.Value.ToString(CultureInfo.InvariantCulture));
                fields.Add(metric.Name is null ? "" : metric.Par.ToString(CultureInfo.InvariantCulture));
            }

            fields.Add(row.Status == GradeStatus.Passed ? string.Create(CultureInfo.InvariantCulture, $"{row.ParsMet}/{row.Metrics.Count}") : "");
            csv.Append(CsvText.Row(fields));
        }

        return csv.ToString();
    }

    private static string ShortHash(string hash) => hash.Length > 19 ? hash[..19] + "…" : hash;
}
