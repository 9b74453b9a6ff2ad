using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Formats.Output;
using VmQuest.Levels;
using VmQuest.Levels.Loading;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Replays;
using VmQuest.Teaching.Variation;

namespace VmQuest.Teaching;

/// <summary>
/// <c>vmquest assign</c>'s work: one variant of a level per student of a roster, written to an assignment folder —
/// <c>students/ID/LEVEL.yaml</c> (and the files it uses) for each student, <c>key/ID/</c> the same with the
/// reference solution for the teacher, and <c>manifest.json</c> and <c>manifest.csv</c>. Every file is written
/// atomically, and the same level, roster and seed give the same bytes.
/// </summary>
public static class Assignment
{
    /// <summary>The students' folder in an assignment folder.</summary>
    public const string StudentsFolder = "students";

    /// <summary>The teacher's folder in an assignment folder.</summary>
    public const string KeyFolder = "key";

    /// <summary>
    /// Makes the assignment of the level file <paramref name="levelPath"/> for <paramref name="students"/> in
    /// <paramref name="outFolder"/>, reporting each student done to <paramref name="progress"/>.
    /// </summary>
    /// <exception cref="FormatParseException">The level is not valid (its first problem, one line).</exception>
    public static AssignmentManifest Run(string levelPath, IReadOnlyList<string> students, string outFolder, ulong teacherSeed,
        Action<ManifestEntry>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(students);
        string text = InputFile.ReadAllText(levelPath, LevelLimits.LevelFileBytes, "a level file");
        var original = LevelLoader.Parse(text, levelPath);
        var validation = LevelValidation.Of(new Levels.Catalog.LevelCatalogEntry(levelPath, original, null));
        if (validation.Problem is { } problem)
        {
            throw new FormatParseException(levelPath, "cannot be assigned: " + StripFile(problem, levelPath));
        }

        var originalReference = LevelSessions.PlayersOf(original).PlayReference(original).Metrics();
        string fileName = original.Id + ".yaml";
        var entries = new List<ManifestEntry>();
        foreach (string student in students)
        {
            string keyDir = Path.Combine(outFolder, KeyFolder, student);
            string studentDir = Path.Combine(outFolder, StudentsFolder, student);
            var variant = VariantBuilder.Build(original, text, originalReference, student, teacherSeed, keyDir, fileName);
            foreach (var (path, bytes) in variant.Files)
            {
                AtomicFile.WriteAllBytes(Path.Combine(studentDir, path), bytes);
            }

            AtomicFile.WriteAllText(Path.Combine(studentDir, fileName), variant.StudentText);
            AtomicFile.WriteAllText(Path.Combine(keyDir, fileName), variant.KeyText);
            ReplayWriter.Write(variant.Solution, Path.Combine(keyDir, VariantBuilder.SolutionName(fileName)));
            var entry = new ManifestEntry(student, variant.Level.Id, variant.Level.Hash, variant.Seed,
                $"{StudentsFolder}/{student}/{fileName}", $"{KeyFolder}/{student}/{fileName}");
            CheckWritten(outFolder, entry);
            entries.Add(entry);
            progress?.Invoke(entry);
        }

        var manifest = new AssignmentManifest(original.Id, original.Version, original.Hash, teacherSeed,
            MechanicVariations.Of(original.Player.Mechanics[0]).Describes, [.. original.Metrics.Select(m => m.Name)], entries);
        AtomicFile.WriteAllText(Path.Combine(outFolder, AssignmentManifest.JsonName), manifest.ToJson());
        AtomicFile.WriteAllText(Path.Combine(outFolder, AssignmentManifest.CsvName), manifest.ToCsv());
        return manifest;
    }

    // What was written is read back as the game and the grader will read it: both copies are the same level (one
    // hash), and the key's solution verifies against it and meets its pars. A variant that fails here is a bug.
    private static void CheckWritten(string outFolder, ManifestEntry entry)
    {
        var key = LevelLoader.Load(Path.Combine(outFolder, entry.KeyFile));
        var student = LevelLoader.Load(Path.Combine(outFolder, entry.StudentFile));
        if (key.Hash != entry.Hash || student.Hash != entry.Hash || student.Solution is not null)
        {
            throw new InvalidOperationException($"{entry.Student}'s variant did not read back as written");
        }

        if (SolutionCheck.Of(key) is { Verified: false } solution)
        {
            throw new InvalidOperationException($"{entry.Student}'s key solution does not verify: {solution.Problem}");
        }
    }

    private static string StripFile(string problem, string path)
    {
        string prefix = OneLine.Escape(path) + ": ";
        return problem.StartsWith(prefix, StringComparison.Ordinal) ? problem[prefix.Length..] : problem;
    }
}
