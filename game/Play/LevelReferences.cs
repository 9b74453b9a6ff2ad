using System.Text;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Refs;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Levels.Model;
using VmQuest.Levels.Traces;

namespace VmQuest.Play;

/// <summary>
/// The page numbers a level's traces reference, in order: every trace of the level, one after another, as one
/// reference string (page N is page N of one anonymous mapping at <see cref="TraceLoader.ReferenceStringBase"/>).
/// Reference-string files are parsed from the bytes the level loaded (never re-read from disk); generated traces
/// come from <see cref="TraceGenerator"/> with the trace's seed.
/// </summary>
public static class LevelReferences
{
    /// <summary>The references of <paramref name="level"/>'s traces, as page numbers of the reference string with their access kinds.</summary>
    /// <exception cref="FormatParseException">The level has a lackey trace (not a reference string), or no references (one line).</exception>
    public static IReadOnlyList<(ulong Page, bool IsWrite)> Of(Level level)
    {
        ArgumentNullException.ThrowIfNull(level);
        var references = new List<(ulong, bool)>();
        foreach (var trace in level.Traces)
        {
            if (trace.Generator is { } generator)
            {
                references.AddRange(TraceGenerator.Generate(generator, trace.Seed).Select(r => ((ulong)r.Page, r.IsWrite)));
            }
            else if (trace.File is { } file && trace.Format == LevelTraceFormat.Refs)
            {
                var pages = ReferenceStringReader.Parse(Encoding.UTF8.GetString(file.Bytes), file.RelativePath);
                references.AddRange(pages.Select(page => (page, false)));
            }
            else
            {
                throw new FormatParseException(level.SourcePath,
                    $"trace '{trace.Name}' is a lackey trace; a victim level plays reference strings (format: refs) or generated traces");
            }
        }

        if (references.Count == 0)
        {
            throw new FormatParseException(level.SourcePath, "the level's traces reference no page: there is nothing to play");
        }

        return references;
    }

    /// <summary>The same references as a <see cref="TraceInput"/> for the trace tool's replay (OPT's optimum).</summary>
    public static TraceInput ToTraceInput(IReadOnlyList<(ulong Page, bool IsWrite)> references, string source, int pageShift)
    {
        ArgumentNullException.ThrowIfNull(references);
        var basePage = TraceLoader.ReferenceStringBase >> pageShift;
        var packed = references.Select(r => new TraceReference(basePage + r.Page, r.IsWrite ? Engine.Machine.Walk.AccessKind.Write : Engine.Machine.Walk.AccessKind.Read)).ToArray();
        var highest = references.Max(r => r.Page);
        return new TraceInput(source, packed, packed.Length, [new TraceRegion(basePage, basePage + highest, false)],
            references.Select(r => r.Page).Distinct().LongCount());
    }
}
