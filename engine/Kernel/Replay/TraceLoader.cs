using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Formats.Refs;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// Parses and expands a trace into a <see cref="TraceInput"/> before any replay, so the replay itself can be
/// timed alone. Bad input is a <see cref="FormatParseException"/> naming the file and line.
/// </summary>
/// <remarks>
/// Lackey: each <c>I</c>/<c>L</c>/<c>S</c>/<c>M</c> line is one access; an access crossing a page boundary becomes one
/// reference per page, lower first; <c>I</c> is an instruction fetch, <c>L</c> a read, <c>S</c> and <c>M</c> writes.
/// The regions are the runs of consecutive touched pages, mapped up front (executable when any fetch lands in
/// them) — a trace has no record of the program's own mmaps, and mapping up front keeps the replay loop free of
/// VMA work. Reference strings: page <c>N</c> is the <c>N</c>-th page of one anonymous read-write mapping starting
/// at <see cref="ReferenceStringBase"/>.
/// </remarks>
public static class TraceLoader
{
    /// <summary>The lowest address a trace may touch: Linux's <c>vm.mmap_min_addr</c> (64 KiB), the NULL guard.</summary>
    public const ulong LowestAddress = 0x1_0000;

    /// <summary>Where the mapping of a reference string starts (page 0 of the string).</summary>
    public const ulong ReferenceStringBase = 0x1000_0000;

    /// <summary>References read at a time when a trace is streamed (128 KiB of them: the chunk stays in the L2 cache).</summary>
    public const int ChunkReferences = 16 * 1024;

    /// <summary>Reads a valgrind lackey trace into memory; addresses must lie in [<see cref="LowestAddress"/>, <paramref name="userTop"/>).</summary>
    public static TraceInput FromLackey(string path, int pageShift, ulong userTop)
    {
        var scanned = ScanLackey(path, pageShift, userTop);
        return new TraceInput(path, scanned.References, scanned.Accesses, scanned.Regions, scanned.DistinctPages);
    }

    /// <summary>
    /// Scans a valgrind lackey trace once for its regions and counts and returns it streamed: the replay reads the
    /// references from the file again, chunk by chunk, so memory stays bounded by the distinct pages whatever the
    /// trace's length. Addresses must lie in [<see cref="LowestAddress"/>, <paramref name="userTop"/>); bad input
    /// is reported by the scan, before any replay.
    /// </summary>
    public static TraceInput ScanLackey(string path, int pageShift, ulong userTop)
    {
        ArgumentNullException.ThrowIfNull(path);
        var pages = new HashSet<ulong>();
        var executable = new HashSet<ulong>();
        long references = 0;
        long accesses;
        ulong lastPage = ulong.MaxValue;
        var buffer = new TraceReference[ChunkReferences];
        using (var reader = new LackeyReferenceReader(path, pageShift, userTop))
        {
            int read;
            while ((read = reader.Read(buffer)) > 0)
            {
                references += read;
                foreach (var reference in buffer.AsSpan(0, read))
                {
                    var page = reference.Page;
                    // Most consecutive references share a page; skipping the set then keeps scanning fast.
                    if (page != lastPage)
                    {
                        pages.Add(page);
                        lastPage = page;
                    }

                    if (reference.Kind == AccessKind.Execute)
                    {
                        executable.Add(page);
                    }
                }
            }

            accesses = reader.Accesses;
        }

        return new TraceInput(path, () => new LackeyReferenceReader(path, pageShift, userTop), references, accesses, Runs(pages, executable), pages.Count);
    }

    /// <summary>Reads a reference string (one page number per line); page N becomes page N of one mapping.</summary>
    public static TraceInput FromReferenceString(string path, int pageShift, ulong userTop)
    {
        ArgumentNullException.ThrowIfNull(path);
        var basePage = ReferenceStringBase >> pageShift;
        var limit = (userTop >> pageShift) - basePage;
        var references = new List<TraceReference>();
        var pages = new HashSet<ulong>();
        ulong highest = 0;
        using (var text = BoundedLineReader.Open(path, ReferenceStringReader.Limits))
        {
            while (text.ReadLine() is { } line)
            {
                long lineNumber = text.LineNumber;
                if (!ReferenceStringReader.TryParseLine(line, path, lineNumber, out var page))
                {
                    continue;
                }

                if (page >= limit)
                {
                    throw new FormatParseException(path, lineNumber, 1,
                        "a page number below " + limit.ToString(CultureInfo.InvariantCulture) + " (the pages must fit in user space)", line.Trim());
                }

                references.Add(new TraceReference(basePage + page, AccessKind.Read));
                pages.Add(page);
                highest = Math.Max(highest, page);
            }
        }

        TraceRegion[] regions = references.Count == 0 ? [] : [new TraceRegion(basePage, basePage + highest, false)];
        return new TraceInput(path, [.. references], references.Count, regions, pages.Count);
    }

    // Maximal runs of consecutive pages, ascending.
    private static List<TraceRegion> Runs(HashSet<ulong> pages, HashSet<ulong> executable)
    {
        var sorted = pages.ToArray();
        Array.Sort(sorted);
        var runs = new List<TraceRegion>();
        var i = 0;
        while (i < sorted.Length)
        {
            var first = sorted[i];
            var exec = executable.Contains(first);
            while (i + 1 < sorted.Length && sorted[i + 1] == sorted[i] + 1)
            {
                i++;
                exec |= executable.Contains(sorted[i]);
            }

            runs.Add(new TraceRegion(first, sorted[i], exec));
            i++;
        }

        return runs;
    }
}
