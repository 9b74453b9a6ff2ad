using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Engine.Kernel.Replay;

/// <summary>
/// The textbook replay must report what the kernel path reports, field for field (the time aside), for every policy
/// it models, any frame budget and any TLB: random traces with locality, page crossings, every kind of access and
/// pages spread over the tables' boundaries (2 MiB, 1 GiB, 512 GiB and the top of user space).
/// </summary>
public class TextbookReplayTests
{
    private static readonly string[] Modelled = ["fifo", "lru", "mru", "clock", "opt"];

    // Where clusters of pages start: the lowest page a trace may touch, just below table boundaries of each level,
    // and just below the top of user space (the stack), so walks stop at every depth.
    private static readonly ulong[] ClusterStarts =
    [
        0x10, 0x1fc, 0x3fffc, 0x7ffffffc, 0x12345678, 0x7ffffffc0,
    ];

    private static readonly AccessKind[] Kinds = [AccessKind.Read, AccessKind.Write, AccessKind.Execute];

    // A reference string of accesses: a cluster, an offset with locality, a kind, and whether it crosses into the next page.
    private static Gen<TraceInput> Traces() =>
        from clusters in Gen.Choose(1, 3)
        from accesses in Gen.ListOf(
            from cluster in Gen.Choose(0, ClusterStarts.Length - 1)
            from offset in Gen.Frequency((3, Gen.Choose(0, 5)), (1, Gen.Choose(0, 40)))
            from kind in Gen.Elements(Kinds)
            from crosses in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
            from repeats in Gen.Choose(1, 3)
            select (page: ClusterStarts[cluster % (clusters * 2)] + (ulong)offset, kind, crosses, repeats))
        select Input(accesses);

    private static TraceInput Input(IEnumerable<(ulong Page, AccessKind Kind, bool Crosses, int Repeats)> accesses)
    {
        var references = new List<TraceReference>();
        long count = 0;
        foreach (var (page, kind, crosses, repeats) in accesses)
        {
            for (var r = 0; r < repeats; r++)
            {
                count++;
                references.Add(new TraceReference(page, kind));
                if (crosses)
                {
                    references.Add(new TraceReference(page + 1, kind));
                }
            }
        }

        return new TraceInput("random", [.. references], count, Regions(references), references.Select(r => r.Page).Distinct().Count());
    }

    // The runs of consecutive touched pages, executable when fetched from, as TraceLoader makes them.
    private static List<TraceRegion> Regions(List<TraceReference> references)
    {
        var pages = references.Select(r => r.Page).Distinct().Order().ToArray();
        var executable = references.Where(r => r.Kind == AccessKind.Execute).Select(r => r.Page).ToHashSet();
        var regions = new List<TraceRegion>();
        for (var i = 0; i < pages.Length;)
        {
            var first = i;
            while (i + 1 < pages.Length && pages[i + 1] == pages[i] + 1)
            {
                i++;
            }

            regions.Add(new TraceRegion(pages[first], pages[i], pages[first..(i + 1)].Any(executable.Contains)));
            i++;
        }

        return regions;
    }

    private static void AssertSameAsKernel(TraceInput input, TraceReplayOptions options)
    {
        var kernel = new TraceReplaySession(input, options).Run() with { ReplaySeconds = 0 };
        var textbook = new TextbookReplay(input, options).Run() with { ReplaySeconds = 0 };
        Assert.Equal(kernel, textbook);
    }

    [Fact]
    public void Run_RandomTraces_EqualsKernelPathFieldForField()
    {
        var cases = from input in Traces()
                    from frames in Gen.Frequency((4, Gen.Choose(1, 4).Select(n => (int?)n)), (1, Gen.Choose(5, 30).Select(n => (int?)n)), (1, Gen.Constant((int?)null)))
                    from tlb in Gen.Elements<int?>(null, null, 0, 4, 8, 12)
                    select (input, frames, tlb);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            foreach (var policy in Modelled)
            {
                AssertSameAsKernel(c.input, new TraceReplayOptions { Policy = policy, Frames = c.frames, TlbEntries = c.tlb });
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void Run_ManyPagesFewFrames_EqualsKernelPath()
    {
        // A longer trace over 300 pages in three clusters: TLB sets overflow, every page is evicted many times.
        var random = new Random(11);
        var accesses = Enumerable.Range(0, 20_000).Select(i =>
            (ClusterStarts[random.Next(3)] + (ulong)random.Next(100), Kinds[random.Next(3)], random.Next(8) == 0, 1 + random.Next(2)));
        var input = Input(accesses);

        foreach (var policy in Modelled)
        {
            foreach (var frames in new int?[] { 1, 3, 16, 64, null })
            {
                AssertSameAsKernel(input, new TraceReplayOptions { Policy = policy, Frames = frames });
            }
        }
    }

    [Fact]
    public void Run_EmptyTrace_EqualsKernelPath()
    {
        var input = new TraceInput("empty", [], 0, [], 0);

        AssertSameAsKernel(input, new TraceReplayOptions { Policy = "lru", Frames = 2 });
    }

    [Fact]
    public void Run_Twice_Throws()
    {
        var input = Input([(0x10UL, AccessKind.Read, false, 1)]);
        var replay = new TextbookReplay(input, new TraceReplayOptions());
        replay.Run();

        Assert.Throws<InvalidOperationException>(() => replay.Run());
    }

    [Theory]
    [InlineData("random", false, TraceEngine.Auto, false)]
    [InlineData("lru", true, TraceEngine.Auto, false)]
    [InlineData("lru", false, TraceEngine.Kernel, false)]
    [InlineData("fifo", false, TraceEngine.Auto, true)]
    [InlineData("OPT", false, TraceEngine.Auto, true)]
    [InlineData("clock", false, TraceEngine.Auto, true)]
    [InlineData("mru", false, TraceEngine.Auto, true)]
    public void UsesTextbook_PolicyEventsEngine_OnlyWhereModelled(string policy, bool events, TraceEngine engine, bool expected)
    {
        var options = new TraceReplayOptions { Policy = policy, PublishEvents = events, Engine = engine };

        Assert.Equal(expected, TraceReplay.UsesTextbook(options));
    }

    [Fact]
    public void Constructor_RandomPolicy_Throws()
    {
        var input = Input([(0x10UL, AccessKind.Read, false, 1)]);

        Assert.Throws<ArgumentException>(() => new TextbookReplay(input, new TraceReplayOptions { Policy = "random" }));
    }

    [Fact]
    public void Run_Progress_HearsEveryChunkUpToTheTotal()
    {
        var input = Input(Enumerable.Range(0, 40_000).Select(i => (0x10UL + (ulong)(i % 7), AccessKind.Read, false, 1)));
        var heard = new List<(long Done, long Total)>();

        new TextbookReplay(input, new TraceReplayOptions { Policy = "fifo", Frames = 3 }).Run((done, total) => heard.Add((done, total)));

        Assert.Equal([(16_384L, 40_000L), (32_768L, 40_000L), (40_000L, 40_000L)], heard);
    }
}
