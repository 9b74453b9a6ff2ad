using System.Text.Json;
using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Screens.Shell;

namespace VmQuest.Cli;

/// <summary>The JSON of <c>vmquest levels --json</c>.</summary>
internal static class LevelsJson
{
    public static void Write(TextWriter output, string directory, IReadOnlyList<LevelCatalogEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("directory", directory);
            json.WriteStartArray("levels");
            var present = Curriculum.PresentIds(entries);
            foreach (var level in entries.Select(e => e.Level).OfType<Level>())
            {
                WriteLevel(json, level, present);
            }

            json.WriteEndArray();
            json.WriteStartArray("problems");
            foreach (var entry in entries.Where(e => e.Problem is not null))
            {
                json.WriteStringValue(entry.Problem);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteLevel(Utf8JsonWriter json, Level level, IReadOnlySet<string> present)
    {
        json.WriteStartObject();
        json.WriteString("id", level.Id);
        json.WriteNumber("version", level.Version);
        json.WriteStartObject("title");
        json.WriteString("en", level.Title.En);
        json.WriteString("zh-Hans", level.Title.ZhHans);
        json.WriteEndObject();
        json.WriteStartArray("mechanics");
        foreach (var mechanic in level.Player.Mechanics)
        {
            json.WriteStringValue(mechanic.Name());
        }

        json.WriteEndArray();
        json.WriteStartArray("metrics");
        foreach (var metric in level.Metrics)
        {
            json.WriteStartObject();
            json.WriteString("name", metric.Name);
            json.WriteNumber("par", metric.Par);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (level.Solution is { } solution)
        {
            json.WriteString("solution", LevelsCommand.SolutionPath(level, solution));
        }
        else
        {
            json.WriteNull("solution");
        }

        json.WriteString("file", level.SourcePath);
        json.WriteString("hash", level.Hash);
        if (Curriculum.PositionOf(level.Id) is { } position)
        {
            json.WriteStartObject("campaign");
            json.WriteNumber("position", position);
            json.WriteNumber("of", Curriculum.CampaignOrder.Count);
            json.WriteStartArray("prerequisites");
            foreach (var prerequisite in Curriculum.PrerequisitesOf(level.Id, present))
            {
                json.WriteStringValue(prerequisite);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("campaign");
        }

        json.WriteEndObject();
    }
}
