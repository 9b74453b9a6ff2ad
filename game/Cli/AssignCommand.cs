using System.CommandLine;
using System.Globalization;
using VmQuest.Levels.Catalog;
using VmQuest.Teaching;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest assign LEVEL --students FILE --out DIR [--seed N]</c>: one seeded variant of a level per student
/// (<see cref="Assignment"/>; docs/teaching.md). Exit 0 when every variant was written, 1 for a bad level, roster or
/// output folder (one line), 2 for bad usage.
/// </summary>
internal static class AssignCommand
{
    public static Command Create()
    {
        var level = new Argument<string>("LEVEL") { Description = "A level id (from content/levels) or a level file" };
        var students = new Option<string>("--students")
        {
            Description = "The roster: one student id per line (letters, digits, '.', '_', '-'); blank lines and lines starting with # are skipped",
            HelpName = "FILE",
            Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "The assignment folder to write: students/ID/ (what each student receives), key/ID/ (with the reference solution), manifest.json and manifest.csv",
            HelpName = "DIR",
            Required = true,
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Mixed into every student's variant seed (with the level hash and the id); another seed gives other variants",
            HelpName = "N",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("assign",
            "Write one seeded variant of a level per student (its own traces or reference string where the mechanic allows, its own "
            + "level hash always), pars worked out per variant, the reference solutions kept in key/ and stripped from students/, and a manifest; "
            + "re-running with the same inputs writes the same bytes (docs/teaching.md)")
        {
            level, students, output, seed,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            string levelArgument = parse.GetRequiredValue(level);
            string folder = parse.GetRequiredValue(output);
            if (File.Exists(folder))
            {
                throw new UserInputException($"--out {folder}: is a file; expected a folder to write the assignment to");
            }

            var roster = StudentRoster.Read(parse.GetRequiredValue(students));
            string levelPath = LevelResolver.LooksLikePath(levelArgument) ? levelArgument : LevelResolver.Resolve(levelArgument).SourcePath;
            var manifest = Assignment.Run(levelPath, roster, folder, parse.GetValue(seed));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"assigned {manifest.LevelId} {manifest.LevelVersion} to {manifest.Students.Count} student(s) in {folder}: "
                + $"{Assignment.StudentsFolder}/ID/{manifest.LevelId}.yaml for each student, {Assignment.KeyFolder}/ID/ with the solutions, "
                + $"{AssignmentManifest.JsonName} and {AssignmentManifest.CsvName}; varies {manifest.Varies}"));
            return 0;
        });
        return command;
    }
}
