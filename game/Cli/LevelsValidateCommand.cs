using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VmQuest.Levels;
using VmQuest.Levels.Catalog;
using VmQuest.Teaching;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest levels validate PATH… [--json]</c>: every level file named, or found below a folder, checked as the game
/// checks it (the loader, the mechanic's session) and its reference solution re-simulated against its pars. One
/// line per file — <c>ok  FILE  TITLE  (solution …)</c> on the output, <c>vmquest: FILE:LINE:COL: …</c> on the error
/// stream — then a summary line. Exit 0 only when every file is valid, 1 otherwise, 2 for bad usage.
/// </summary>
internal static class LevelsValidateCommand
{
    /// <summary>What <c>--json</c> prints, for the help.</summary>
    public const string Shape =
        "{\"files\": [{file, valid, id, title: {en, zh-Hans}, solution: null|{file, verified, metrics: {NAME: VALUE}, pars: {NAME: PAR}, meetsPars}, problem}], \"valid\": N, \"failed\": N}";

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Level files, or folders whose *.yaml files (recursively) are levels",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of lines: " + Shape };
        var command = new Command("validate",
            "Check level files as the game does, and re-simulate each reference solution against its pars: 'ok FILE TITLE' per good "
            + "file, one line per problem (FILE:LINE:COL: FIELD: what was expected), a summary line; exit 0 only if every file is valid, else exit 1")
        {
            paths, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            bool asJson = parse.GetValue(json);
            var results = new List<LevelValidation>();
            var folderProblems = new List<string>();
            foreach (string path in parse.GetRequiredValue(paths))
            {
                IReadOnlyList<LevelCatalogEntry> entries;
                if (Directory.Exists(path))
                {
                    entries = LevelCatalog.Scan(path);
                    if (entries.Count == 0)
                    {
                        folderProblems.Add($"{OneLine.Escape(path)}: no level files (*.yaml) in this folder");
                    }
                }
                else
                {
                    entries = [LevelCatalog.Load(path)];
                }

                foreach (var result in entries.Select(LevelValidation.Of))
                {
                    results.Add(result);
                    if (!asJson)
                    {
                        WriteLine(output, error, result);
                    }
                }
            }

            int valid = results.Count(r => r.IsValid);
            if (asJson)
            {
                WriteJson(output, results, folderProblems, valid);
            }
            else
            {
                foreach (string problem in folderProblems)
                {
                    error.WriteLine($"vmquest: {problem}");
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{results.Count} level file(s): {valid} valid, {results.Count - valid} failed"));
            }

            return valid == results.Count && folderProblems.Count == 0 ? 0 : CommandGuard.InputError;
        });
        return command;
    }

    private static void WriteLine(TextWriter output, TextWriter error, LevelValidation result)
    {
        if (result.Problem is { } problem)
        {
            error.WriteLine($"vmquest: {problem}");
            return;
        }

        var level = result.Level!;
        string solution = result.Solution is { } s ? $"solution verified: {s.Summary(level)}" : "no reference solution";
        output.WriteLine($"ok  {OneLine.Escape(result.Path)}  {level.Title.En}  ({solution})");
    }

    private static void WriteJson(TextWriter output, List<LevelValidation> results, List<string> folderProblems, int valid)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("files");
            foreach (var result in results)
            {
                json.WriteStartObject();
                json.WriteString("file", result.Path);
                json.WriteBoolean("valid", result.IsValid);
                if (result.Level is { } level)
                {
                    json.WriteString("id", level.Id);
                    json.WriteStartObject("title");
                    json.WriteString("en", level.Title.En);
                    json.WriteString("zh-Hans", level.Title.ZhHans);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("id");
                    json.WriteNull("title");
                }

                if (result.Solution is { } solution)
                {
                    json.WriteStartObject("solution");
                    json.WriteString("file", solution.File);
                    json.WriteBoolean("verified", solution.Verified);
                    json.WriteStartObject("metrics");
                    foreach (var metric in solution.Metrics)
                    {
                        json.WriteNumber(metric.Name, metric.Value);
                    }

                    json.WriteEndObject();
                    json.WriteStartObject("pars");
                    foreach (var metric in result.Level!.Metrics)
                    {
                        json.WriteNumber(metric.Name, metric.Par);
                    }

                    json.WriteEndObject();
                    json.WriteBoolean("meetsPars", solution.Problem is null);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("solution");
                }

                json.WriteString("problem", result.Problem);
                json.WriteEndObject();
            }

            foreach (string problem in folderProblems)
            {
                json.WriteStartObject();
                json.WriteString("file", problem[..problem.IndexOf(": ", StringComparison.Ordinal)]);
                json.WriteBoolean("valid", false);
                json.WriteNull("id");
                json.WriteNull("title");
                json.WriteNull("solution");
                json.WriteString("problem", problem);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("valid", valid);
            json.WriteNumber("failed", results.Count - valid + folderProblems.Count);
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
