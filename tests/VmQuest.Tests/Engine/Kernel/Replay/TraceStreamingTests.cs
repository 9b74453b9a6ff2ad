using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Lackey;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Engine.Kernel.Replay;

/// <summary>
/// A streamed lackey trace (scanned once, then read again chunk by chunk as it replays) must replay exactly as the
/// same trace held in memory and replayed in one call, and its memory must not grow with the trace's length.
/// </summary>
public sealed class TraceStreamingTests : IDisposable
{
    private const int PageShift = 12;
    private const ulong UserTop = (1UL << 47) - 4096;
    private static readonly string[] Policies = ["fifo", "lru", "clock", "random", "opt"];
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-stream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A lackey trace of `lines` accesses over `pages` pages from a seeded generator: fetches in one region, loads,
    // stores and modifies in another, some crossing a page boundary.
    private string Generate(string name, int lines, int pages, int seed)
    {
        var random = new Random(seed);
        var path = Path.Combine(_dir, name);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        var page = 0;
        for (var i = 0; i < lines; i++)
        {
            // Mostly the same page again (as a program's accesses are), sometimes another.
            if (random.Next(8) == 0)
            {
                page = random.Next(pages);
            }

            var kind = random.Next(4);
            var offset = random.Next(4) == 0 ? 4092 : random.Next(4000);
            var address = (kind == 0 ? 0x40_0000UL : 0x1000_0000UL) + ((ulong)page << PageShift) + (ulong)offset;
            var line = kind switch
            {
                0 => "I  ",
                1 => " L ",
                2 => " S ",
                _ => " M ",
            };
            writer.Write(line);
            writer.Write(address.ToString("x8", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(kind == 0 ? "4\n" : "8\n");
        }

        return path;
    }

    private static TraceReplayResult Timeless(TraceReplayResult result) => result with { ReplaySeconds = 0 };

    [Fact]
    public void ScanLackey_PageCrossingAccesses_StreamsTheSameTouchesAsTheReader()
    {
        var path = Generate("touches.lackey", 50_000, 40, seed: 1);

        var input = TraceLoader.ScanLackey(path, PageShift, UserTop);
        var streamed = new List<TraceReference>();
        using (var reader = input.OpenReferences())
        {
            var chunk = new TraceReference[1000];
            int read;
            while ((read = reader.Read(chunk)) > 0)
            {
                streamed.AddRange(chunk.AsSpan(0, read).ToArray());
            }
        }

        var expected = LackeyTraceReader.ReadPageTouches(path, PageShift).ToList();
        Assert.True(input.IsStreamed);
        Assert.Equal(expected.Count, input.ReferenceCount);
        Assert.True(expected.Count > 50_000);                          // some accesses crossed a page
        Assert.Equal(expected.Select(t => t.Page), streamed.Select(r => r.Page));
        Assert.Equal(expected.Select(t => t.Kind == LackeyAccessKind.Instruction ? AccessKind.Execute : t.Kind == LackeyAccessKind.Load ? AccessKind.Read : AccessKind.Write),
            streamed.Select(r => r.Kind));
        Assert.Equal(50_000, input.Accesses);
    }

    [Fact]
    public void Run_StreamedOrInMemory_SameResultForEveryPolicyAndFrameCount()
    {
        // Longer than two chunks, so references cross chunk boundaries.
        var path = Generate("replay.lackey", 3 * TraceLoader.ChunkReferences, 48, seed: 2);
        var inMemory = TraceLoader.FromLackey(path, PageShift, UserTop);

        foreach (var policy in Policies)
        {
            foreach (int? frames in new int?[] { 3, 16, null })
            {
                var options = new TraceReplayOptions { Policy = policy, Frames = frames, Seed = 7 };
                var streamed = new TraceReplaySession(TraceLoader.ScanLackey(path, PageShift, UserTop), options).Run();
                var held = new TraceReplaySession(inMemory, options).Run();
                Assert.Equal(Timeless(held), Timeless(streamed));
            }
        }
    }

    [Fact]
    public void Run_RandomTraces_ChunkedReplayEqualsOneCall()
    {
        // The property behind streaming: replaying consecutive chunks leaves the kernel exactly as one call over
        // the whole trace does (the repeat shortcut restarts at each chunk and must change nothing but time).
        var basePage = TraceLoader.ReferenceStringBase >> PageShift;
        var cases = from seed in Gen.Choose(0, int.MaxValue)
                    from frames in Gen.Choose(1, 12)
                    from policy in Gen.Elements("fifo", "lru", "clock", "random", "linux")
                    select (seed, frames, policy);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var references = new TraceReference[TraceLoader.ChunkReferences + random.Next(TraceLoader.ChunkReferences)];
            var page = 0;
            for (var i = 0; i < references.Length; i++)
            {
                page = random.Next(3) == 0 ? random.Next(20) : page;
                references[i] = new TraceReference(basePage + (ulong)page, random.Next(2) == 0 ? AccessKind.Read : AccessKind.Write);
            }

            var input = new TraceInput("random", references, references.Length, [new TraceRegion(basePage, basePage + 19, false)], references.Select(r => r.Page).Distinct().Count());
            var options = new TraceReplayOptions { Policy = c.policy, Frames = c.frames, Seed = 3 };
            var whole = new TraceReplaySession(input, options);
            whole.Replay(references);
            var chunked = new TraceReplaySession(input, options).Run();
            var counters = whole.Kernel.Counters;
            Assert.Equal(
                (counters.Faults, counters.MajorFaults, counters.Evictions, counters.Accesses, whole.Kernel.Machine.Mmu.TlbHits, whole.Kernel.Machine.Clock.Cycles),
                (chunked.Faults, chunked.MajorFaults, chunked.Evictions, counters.Accesses, chunked.TlbHits, chunked.Cycles));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(12));
    }

    [Fact]
    public void Run_StreamedTraceTwiceAsLong_AllocatesNoMoreForTheReferences()
    {
        // Measured, not timed: what scanning and replaying allocates must not grow with the number of references
        // (held in memory, 200,000 more would be 1.6 MB more). Only the distinct pages are kept. No frame limit:
        // reclaim's own allocations grow with the evictions, which is the kernel's matter, not the trace's.
        var shorter = Generate("short.lackey", 200_000, 64, seed: 3);
        var longer = Generate("long.lackey", 400_000, 64, seed: 3);
        var options = new TraceReplayOptions { Policy = "lru" };
        Allocated(shorter, options);                                   // JIT and pools once, outside the measurement

        var forShorter = Allocated(shorter, options);
        var forLonger = Allocated(longer, options);

        Assert.True(forLonger - forShorter < 256 * 1024, $"{forShorter:N0} bytes for 200,000 accesses, {forLonger:N0} for 400,000");
    }

    private static long Allocated(string path, TraceReplayOptions options)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var input = TraceLoader.ScanLackey(path, PageShift, UserTop);
        var result = new TraceReplaySession(input, options).Run();
        Assert.True(result.References >= 200_000);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void ScanLackey_AddressBelowTheNullGuard_NamesTheFileAndLine()
    {
        var path = Path.Combine(_dir, "low.lackey");
        File.WriteAllText(path, " L 10000000,8\n L 00000100,8\n");

        var error = Assert.Throws<FormatParseException>(() => TraceLoader.ScanLackey(path, PageShift, UserTop));

        Assert.Equal(path, error.File);
        Assert.Equal(2, error.Line);
    }
}
