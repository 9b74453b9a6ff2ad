using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Engine.Kernel.Replay;

/// <summary>
/// The kernel replay (MMU, fault handler, reclaim to swap) must fault exactly where the plain reference-string
/// replay of the same policy misses, and leave the kernel's invariants intact.
/// </summary>
public class TraceReplaySessionTests
{
    private static readonly string[] Policies = ["fifo", "lru", "clock", "random", "opt"];

    private static TraceInput Refs(params long[] pages)
    {
        var basePage = TraceLoader.ReferenceStringBase >> 12;
        var references = pages.Select(p => new TraceReference(basePage + (ulong)p, AccessKind.Read)).ToArray();
        var regions = pages.Length == 0 ? Array.Empty<TraceRegion>() : [new TraceRegion(basePage, basePage + (ulong)pages.Max(), false)];
        return new TraceInput("refs", references, pages.Length, regions, pages.Distinct().Count());
    }

    [Fact]
    public void Run_RandomStrings_FaultsEqualReferenceStringReplayForEveryPolicy()
    {
        var input = from frames in Gen.Choose(1, 6)
                    from pages in Gen.ListOf(Gen.Choose(0, 12).Select(p => (long)p))
                    select (frames, pages: pages.ToArray());

        Prop.ForAll(input.ToArbitrary(), c =>
        {
            foreach (var policy in Policies)
            {
                var session = new TraceReplaySession(Refs(c.pages), new TraceReplayOptions { Policy = policy, Frames = c.frames, Seed = 5 });
                var result = session.Run();
                var expected = ReferenceStringReplay.Run(c.pages, c.frames, policy, seed: 5);
                Assert.Equal(expected.Faults, result.Faults);
                Assert.Equal(expected.Evictions, result.Evictions);
                KernelInvariants.Check(session.Kernel);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void Run_NoFrameLimit_EachPageFaultsOnceAndStays()
    {
        var session = new TraceReplaySession(Refs(0, 1, 2, 0, 1, 2, 600, 0), new TraceReplayOptions());

        var result = session.Run();

        Assert.Equal(4, result.Faults);
        Assert.Equal(4, result.MinorFaults);
        Assert.Equal(0, result.Evictions);
        Assert.Equal(8, result.References);
        Assert.Equal(4, session.Kernel.Frames.DataFrames);
        Assert.Equal(8, session.Kernel.Counters.Accesses);
    }

    [Fact]
    public void Run_TlbDisabled_EveryReferenceWalks()
    {
        var session = new TraceReplaySession(Refs(0, 0, 0, 1), new TraceReplayOptions { TlbEntries = 0 });

        var result = session.Run();

        Assert.Equal(0, result.TlbHits);
        Assert.True(result.TlbMisses >= 4);
        Assert.Equal(2, result.Faults);
    }

    [Fact]
    public void Run_EvictedPageComesBackFromSwap_MajorFault()
    {
        var result = new TraceReplaySession(Refs(0, 1, 0), new TraceReplayOptions { Policy = "fifo", Frames = 1 }).Run();

        Assert.Equal(3, result.Faults);
        Assert.Equal(1, result.MajorFaults);
        Assert.Equal(2, result.Evictions);
    }
}
