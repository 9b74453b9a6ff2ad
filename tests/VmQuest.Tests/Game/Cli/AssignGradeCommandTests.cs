using System.Globalization;
using System.Text.Json;
using VmQuest.Levels.Loading;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Replays;
using VmQuest.Teaching;
using VmQuest.Tests.Game.Levels;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Cli;

/// <summary>'assign' then 'grade' on a class of 30: correct, wrong, swapped, missing and corrupted replays.</summary>
public class AssignGradeCommandTests
{
    private static readonly string Belady = Path.Combine(ShippedLevels.Directory, "victim", "belady.yaml");

    [Fact]
    public void AssignThenGrade_ClassOfThirty_TheTableSaysWhatEachStudentHandedIn()
    {
        using var scratch = LevelSamples.Scratch();
        var students = Enumerable.Range(1, 30).Select(i => string.Create(CultureInfo.InvariantCulture, $"s{i:00}")).ToList();
        string roster = scratch.Write("roster.txt", "# group A\n" + string.Join("\n", students.Take(15)) + "\n\n# group B\n" + string.Join("\n", students.Skip(15)) + "\n");
        string dir = Path.Combine(scratch.Path, "hw1");

        var (status, output, error) = CliRunner.Run("assign", Belady, "--students", roster, "--out", dir, "--seed", "2026");

        Assert.Equal(0, status);
        Assert.Equal("", error);
        Assert.StartsWith("assigned victim-belady 1 to 30 student(s) in ", output, StringComparison.Ordinal);
        var manifest = AssignmentManifest.Read(dir);
        Assert.Equal(students, manifest.Students.Select(s => s.Student));
        Assert.Equal(30, manifest.Students.Select(s => s.Hash).Distinct().Count());

        string replays = Path.Combine(dir, "replays");
        Directory.CreateDirectory(replays);
        var levels = manifest.Students.ToDictionary(s => s.Student, s => LevelLoader.Load(Path.Combine(dir, s.StudentFile)));
        var played = levels.ToDictionary(p => p.Key, p => LevelSessions.PlayersOf(p.Value).PlayReference(p.Value));
        void HandIn(string student, string text) => File.WriteAllText(Path.Combine(replays, student + ".vmqr"), text);
        string Correct(string student) => ReplayWriter.ToText(played[student].ToReplay());

        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string student in students.Take(22))
        {
            HandIn(student, Correct(student));
            expected[student] = Passed(played[student], levels[student]);
        }

        // Wrong: a claim that the run does not earn.
        foreach (string student in new[] { "s23", "s24" })
        {
            HandIn(student, Correct(student).Replace("claim faults 7", "claim faults 6", StringComparison.Ordinal));
            expected[student] = "failed,claimed metrics differ: faults claimed 6 verified 7";
        }

        // A careless player who always evicts the lowest resident frame: it verifies (the trace completes) but misses pars.
        var careless = new VictimSession(levels["s25"]);
        for (careless.Run(); careless.IsWaiting; careless.Run())
        {
            Assert.Null(careless.ChooseVictim(careless.ResidentFrames().Min()));
        }

        HandIn("s25", ReplayWriter.ToText(careless.ToReplay()));
        expected["s25"] = Passed(careless, levels["s25"]);
        Assert.StartsWith("passed,,", expected["s25"], StringComparison.Ordinal);
        Assert.False(expected["s25"].EndsWith("3/3", StringComparison.Ordinal));

        // Swapped: each hands in the other's (correct) replay.
        HandIn("s26", Correct("s27"));
        HandIn("s27", Correct("s26"));
        expected["s26"] = $"wrong-variant,made for s27's variant (s27's level sha256:{Hash(manifest, "s27")[..12]}…) not s26's";
        expected["s27"] = $"wrong-variant,made for s26's variant (s26's level sha256:{Hash(manifest, "s26")[..12]}…) not s27's";

        // s28 hands in nothing; s29 a file cut short; s30 the original level's shipped solution.
        string cut = Correct("s29")[..(Correct("s29").Length / 2)];
        cut = cut[..(cut.LastIndexOf('\n') + 1)];
        HandIn("s29", cut);
        string s29 = Path.Combine(replays, "s29.vmqr");
        string truncation = Assert.ThrowsAny<VmQuest.Engine.Formats.FormatParseException>(() => ReplayReader.Parse(cut, s29)).Message;
        Assert.Contains("truncated", truncation, StringComparison.Ordinal);
        File.Copy(Path.Combine(ShippedLevels.Directory, "victim", "belady.solution.vmqr"), Path.Combine(replays, "s30.vmqr"));
        expected["s28"] = "missing,";
        expected["s29"] = "failed," + truncation.Replace(",", "", StringComparison.Ordinal);
        expected["s30"] = "wrong-variant,made for the original level 'victim-belady' not s30's variant";

        (status, output, error) = CliRunner.Run("grade", dir);

        Assert.Equal(0, status);
        Assert.Equal("", error);
        Assert.EndsWith($"30 student(s): 23 passed, 3 failed, 3 wrong variant, 1 missing; results in {Path.Combine(dir, "results.csv")}\n", output, StringComparison.Ordinal);
        var table = File.ReadAllLines(Path.Combine(dir, "results.csv"));
        Assert.Equal("student,variant,hash,status,reason,faults,faults-par,actions,actions-par,cycles,cycles-par,pars-met", table[0]);
        Assert.Equal(31, table.Length);
        foreach (var (entry, line) in manifest.Students.Zip(table.Skip(1)))
        {
            // Quoted reasons are compared without their commas and quotes; the rest field by field.
            string prefix = $"{entry.Student},{entry.LevelId},{entry.Hash},";
            Assert.StartsWith(prefix, line, StringComparison.Ordinal);
            string rest = line[prefix.Length..].Replace("\"", "", StringComparison.Ordinal);
            string want = expected[entry.Student];
            if (!want.StartsWith("passed", StringComparison.Ordinal))
            {
                rest = rest.TrimEnd(',').Replace(",", "", StringComparison.Ordinal);
                want = want.Replace(",", "", StringComparison.Ordinal);
            }

            Assert.Equal(want, rest);
        }

        (status, output, _) = CliRunner.Run("grade", dir, "--json");
        Assert.Equal(0, status);
        using var json = JsonDocument.Parse(output);
        var statuses = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("student").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal("passed", statuses["s01"]);
        Assert.Equal("wrong-variant", statuses["s26"]);
        Assert.Equal("missing", statuses["s28"]);
        Assert.Equal("failed", statuses["s29"]);
    }

    [Fact]
    public void Assign_SameInputsTwice_ByteIdenticalFolders_StudentsHaveNoSolution()
    {
        using var scratch = LevelSamples.Scratch();
        string roster = scratch.Write("roster.txt", "ann\nben\n");
        string one = Path.Combine(scratch.Path, "one");
        string two = Path.Combine(scratch.Path, "two");

        Assert.Equal(0, CliRunner.Run("assign", "victim-belady", "--students", roster, "--out", one).Status);
        Assert.Equal(0, CliRunner.Run("assign", Belady, "--students", roster, "--out", two).Status);

        var files = Directory.EnumerateFiles(one, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(one, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.EnumerateFiles(two, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(two, f)).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(one, f)), File.ReadAllBytes(Path.Combine(two, f))));
        Assert.Contains(Path.Combine("key", "ann", "victim-belady.solution.vmqr"), files);
        Assert.DoesNotContain(files, f => f.StartsWith("students", StringComparison.Ordinal) && f.EndsWith(".vmqr", StringComparison.Ordinal));
        Assert.DoesNotContain("solution:", File.ReadAllText(Path.Combine(one, "students", "ann", "victim-belady.yaml")), StringComparison.Ordinal);
        Assert.Contains("solution: victim-belady.solution.vmqr", File.ReadAllText(Path.Combine(one, "key", "ann", "victim-belady.yaml")), StringComparison.Ordinal);
        Assert.Equal("student,level,hash,seed,file,key", File.ReadLines(Path.Combine(one, "manifest.csv")).First());
    }

    [Fact]
    public void Assign_BadRoster_OneLineWithFileAndLineExit1()
    {
        using var scratch = LevelSamples.Scratch();
        string roster = scratch.Write("roster.txt", "ann\n../../etc\n");

        var (status, _, error) = CliRunner.Run("assign", Belady, "--students", roster, "--out", Path.Combine(scratch.Path, "out"));

        Assert.Equal(1, status);
        Assert.Equal($"vmquest: {roster}:2:1: expected {StudentRoster.IdRule}, found \"../../etc\"\n", error);
        Assert.False(Directory.Exists(Path.Combine(scratch.Path, "out")));
    }

    [Fact]
    public void Assign_RosterIsADevice_OneLineWithoutReadingIt()
    {
        using var scratch = LevelSamples.Scratch();

        var (status, _, error) = CliRunner.Run("assign", Belady, "--students", "/dev/zero", "--out", Path.Combine(scratch.Path, "out"));

        Assert.Equal(1, status);
        Assert.Equal("vmquest: /dev/zero: is a character device, expected a regular file\n", error);
    }

    [Fact]
    public void Grade_DamagedManifest_OneLineExit1()
    {
        using var scratch = LevelSamples.Scratch();
        Directory.CreateDirectory(Path.Combine(scratch.Path, "replays"));
        string manifest = scratch.Write("manifest.json", "{\"format\": \"vmquest-assignment/1\", \"students\": [{\"student\": \"../x\"}]}");

        var (status, _, error) = CliRunner.Run("grade", scratch.Path);

        Assert.Equal(1, status);
        Assert.StartsWith($"vmquest: {manifest}: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Assign_InvalidLevel_RefusedBeforeWriting()
    {
        using var scratch = LevelSamples.Scratch();
        string level = LevelsValidateCommandTests.CopyBelady(scratch, "par: 7", "par: 6");
        string roster = scratch.Write("roster.txt", "ann\n");

        var (status, _, error) = CliRunner.Run("assign", level, "--students", roster, "--out", Path.Combine(scratch.Path, "out"));

        Assert.Equal(1, status);
        Assert.StartsWith($"vmquest: {level}: cannot be assigned: its solution ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch.Path, "out")));
    }

    [Fact]
    public void Grade_NotAnAssignmentFolder_OneLineExit1()
    {
        using var scratch = LevelSamples.Scratch();
        Directory.CreateDirectory(Path.Combine(scratch.Path, "replays"));

        var (status, _, error) = CliRunner.Run("grade", scratch.Path);

        Assert.Equal(1, status);
        Assert.Equal($"vmquest: {Path.Combine(scratch.Path, "manifest.json")}: no such file; expected the manifest 'vmquest assign' writes (is this an assignment folder?)\n", error);
    }

    private static string Hash(AssignmentManifest manifest, string student) => manifest.Students.First(s => s.Student == student).Hash;

    private static string Passed(LevelSession session, Level level)
    {
        var metrics = session.Metrics();
        var cells = metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Value},{level.Metrics.First(l => l.Name == m.Name).Par}"));
        int met = metrics.Count(m => m.Value <= level.Metrics.First(l => l.Name == m.Name).Par);
        return $"passed,,{string.Join(',', cells)},{met}/{metrics.Count}";
    }
}
