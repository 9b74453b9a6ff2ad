using VmQuest.Engine.Kernel.Reclaim;

namespace VmQuest.Tests.Engine.Kernel.Reclaim;

public class ReferenceStringReplayTests
{
    private static readonly long[] BeladyString = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5];

    [Fact]
    public void Run_BeladyStringFifo_MoreFramesMoreFaults()
    {
        Assert.Equal(9, ReferenceStringReplay.Run(BeladyString, 3, "fifo").Faults);
        Assert.Equal(10, ReferenceStringReplay.Run(BeladyString, 4, "fifo").Faults);
    }

    [Theory]
    [InlineData("lru", 3, 10)]
    [InlineData("lru", 4, 8)]
    [InlineData("opt", 3, 7)]
    [InlineData("opt", 4, 6)]
    public void Run_BeladyString_TextbookFaultCounts(string policy, int frames, int faults) =>
        Assert.Equal(faults, ReferenceStringReplay.Run(BeladyString, frames, policy).Faults);

    [Fact]
    public void Run_FifoOnBeladyString_VictimsInLoadOrder()
    {
        var result = ReferenceStringReplay.Run(BeladyString, 3, "fifo");
        long?[] expected = [null, null, null, 1, 2, 3, 4, null, null, 1, 2, null];
        Assert.Equal(expected, result.Outcomes.Select(o => o.Victim));
        Assert.Equal(3, result.Hits);
        Assert.Equal(6, result.Evictions);
    }

    [Fact]
    public void Run_OptTieAmongNeverUsedAgain_EvictsEarliestLoaded()
    {
        // At the reference to 4, none of 1, 2, 3 is used again: the earliest loaded (1) goes.
        var result = ReferenceStringReplay.Run([1, 2, 3, 4], 3, "opt");
        Assert.Equal(1, result.Outcomes[3].Victim);
    }

    [Fact]
    public void Run_Clock_SecondChanceSparesReferencedPages()
    {
        var result = ReferenceStringReplay.Run([1, 2, 3, 4, 2, 5, 6], 3, "clock");
        long?[] expected = [null, null, null, 1, null, 3, 2];
        Assert.Equal(expected, result.Outcomes.Select(o => o.Victim));
    }

    [Fact]
    public void Run_RandomSameSeed_SameVictims_DifferentSeed_MayDiffer()
    {
        long[] pages = [.. Enumerable.Range(0, 200).Select(i => (long)((i * 7919) % 13))];
        var a = ReferenceStringReplay.Run(pages, 4, "random", seed: 1);
        var b = ReferenceStringReplay.Run(pages, 4, "random", seed: 1);
        var c = ReferenceStringReplay.Run(pages, 4, "random", seed: 2);
        Assert.Equal(a.Outcomes, b.Outcomes);
        Assert.NotEqual(a.Outcomes, c.Outcomes);
    }

    [Fact]
    public void Run_UnknownPolicy_ThrowsListingTheNames()
    {
        var error = Assert.Throws<ArgumentException>(() => ReferenceStringReplay.Run([1], 1, "lifo"));
        Assert.Contains("fifo, lru, clock, random, opt", error.Message, StringComparison.Ordinal);
    }
}
