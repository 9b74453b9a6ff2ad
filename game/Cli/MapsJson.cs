using System.Text;
using System.Text.Json;
using VmQuest.Engine.Formats.Maps;

namespace VmQuest.Cli;

/// <summary>
/// The <c>--json</c> form of <c>vmquest maps</c>: <c>{"source", "vmas": [{"start", "end", "perms", "offset", "path",
/// "kind"}]}</c>, in address order. Addresses and offsets are hex strings, as everywhere in VmQuest's JSON.
/// </summary>
internal static class MapsJson
{
    public static void Write(TextWriter output, string source, IReadOnlyList<MapsEntry> entries, IReadOnlyList<string> kinds)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("source", source);
            json.WriteStartArray("vmas");
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                json.WriteStartObject();
                json.WriteString("start", $"0x{entry.Start:x}");
                json.WriteString("end", $"0x{entry.End:x}");
                json.WriteString("perms", entry.PermissionString);
                json.WriteString("offset", $"0x{entry.Offset:x}");
                json.WriteString("path", entry.Path);
                json.WriteString("kind", kinds[i]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
