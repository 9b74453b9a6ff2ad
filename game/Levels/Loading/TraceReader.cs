using VmQuest.Engine.Formats.Lackey;
using VmQuest.Engine.Formats.Refs;
using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;

namespace VmQuest.Levels.Loading;

/// <summary>
/// Reads one entry of <c>traces</c>: <c>name</c> and either <c>file</c> (with <c>format: refs|lackey</c>,
/// default refs; the file is parsed now, so a broken trace fails at load, at its own line) or
/// <c>generator</c> (with its parameters and <c>seed</c>).
/// </summary>
internal static class TraceReader
{
    public static LevelTrace Read(LevelNode node, LevelFolder folder)
    {
        var map = node.Map("a trace", "name", "file", "format", "generator");
        string name = map.Required("name", "the trace's name").Slug("a trace name");
        if (map.ExactlyOne("where the trace comes from", "file", "generator") == "generator")
        {
            if (map.Optional("format") is { } stray)
            {
                throw stray.Error("only a trace file has a format; a generator makes a reference string");
            }

            var (spec, seed) = GeneratorReader.Read(map.Required("generator", "a generator"), seedAllowed: true);
            return new LevelTrace(name, null, LevelTraceFormat.Refs, spec, seed!.Value);
        }

        var format = (LevelTraceFormat)(map.Optional("format") is { } f
            ? LevelTrace.FormatNames.ToList().IndexOf(f.Choice("a trace format", LevelTrace.FormatNames))
            : 0);
        var file = folder.Read(map.Required("file", "a trace file"), LevelLimits.TraceFileBytes, "a trace");
        Check(file, format, folder.Shown(file));
        return new LevelTrace(name, file, format, null, 0);
    }

    /// <summary>Parses the whole trace once, so its errors surface now with the trace file's own line.</summary>
    private static void Check(LevelFile file, LevelTraceFormat format, string shown)
    {
        if (format == LevelTraceFormat.Refs)
        {
            if (ReferenceStringReader.Parse(MachineReader.Utf8(file.Bytes), shown).Count == 0)
            {
                throw Engine.Formats.FormatParseException.At(shown, 0, 0, "the reference string holds no page numbers");
            }

            return;
        }

        using var reader = new LackeyTraceReader(new MemoryStream(file.Bytes, writable: false), shown);
        long count = 0;
        while (reader.TryRead(out _))
        {
            count++;
        }

        if (count == 0)
        {
            throw Engine.Formats.FormatParseException.At(shown, 0, 0, "the lackey trace holds no accesses");
        }
    }
}
