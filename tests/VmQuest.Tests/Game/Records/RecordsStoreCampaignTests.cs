using VmQuest.Records;
using static VmQuest.Tests.Game.Records.RecordsSamples;

namespace VmQuest.Tests.Game.Records;

public sealed class RecordsStoreCampaignTests : RecordsDirectoryTest
{
    private static long Run(RecordsStore store, bool finish, params (string Level, long Real, long LoadRemoved, long Cycles)[] segments)
    {
        long run = store.BeginCampaignRun(7, Start);
        foreach (var (level, real, loadRemoved, cycles) in segments)
        {
            store.AddSplit(run, new SplitInput("Level " + level, level, new SpeedrunTimes(cycles, real, loadRemoved)));
        }

        if (finish)
        {
            store.FinishRun(run, Start.AddHours(1));
        }
        else
        {
            store.ResetRun(run, Start.AddHours(1));
        }

        return run;
    }

    [Fact]
    public void AddSplit_ThreeSegments_CumulativeIsTheRunningSum()
    {
        using var store = RecordsStore.Open(DataDir);
        long run = Run(store, true, ("a", 1000, 900, 10), ("b", 2000, 1500, 20), ("c", 500, 400, 5));

        var stored = store.Run(run)!;

        Assert.Equal(CampaignRunState.Finished, stored.State);
        Assert.Equal([0, 1, 2], stored.Splits.Select(s => s.Index));
        Assert.Equal(new SpeedrunTimes(30, 3000, 2400), stored.Splits[1].Cumulative);
        Assert.Equal(new SpeedrunTimes(35, 3500, 2800), stored.Total);
    }

    [Fact]
    public void CampaignPersonalBest_ByTimingMethod_PicksTheLowestTotal()
    {
        using var store = RecordsStore.Open(DataDir);
        long fastReal = Run(store, true, ("a", 1000, 900, 50), ("b", 1000, 900, 50));
        long fastLoadRemoved = Run(store, true, ("a", 1200, 500, 60), ("b", 1000, 500, 60));
        long fewCycles = Run(store, true, ("a", 3000, 2000, 1), ("b", 3000, 2000, 1));
        Run(store, false, ("a", 1, 1, 1)); // reset: never a personal best

        Assert.Equal(fastReal, store.CampaignPersonalBest()!.Id);
        Assert.Equal(fastLoadRemoved, store.CampaignPersonalBest(timing: TimingMethod.LoadRemoved)!.Id);
        Assert.Equal(fewCycles, store.CampaignPersonalBest(timing: TimingMethod.Cycles)!.Id);
    }

    [Fact]
    public void GoldSplits_ResetRunsIncluded_BestOfEachFigureOnItsOwn()
    {
        using var store = RecordsStore.Open(DataDir);
        Run(store, true, ("a", 1000, 900, 50), ("b", 1000, 900, 50));
        Run(store, false, ("a", 800, 750, 70)); // a gold on real time only, in a reset run
        Run(store, true, ("a", 1100, 700, 40), ("b", 1200, 1100, 30));

        var golds = store.GoldSplits();

        Assert.Equal(2, golds.Count);
        Assert.Equal(new GoldSplit(0, "Level a", "a", new SpeedrunTimes(40, 800, 700)), golds[0]);
        Assert.Equal(new GoldSplit(1, "Level b", "b", new SpeedrunTimes(30, 1000, 900)), golds[1]);
        Assert.Equal(new SpeedrunTimes(70, 1800, 1600), store.SumOfBest());
    }

    [Fact]
    public void SumOfBest_NoFinishedRun_IsNull()
    {
        using var store = RecordsStore.Open(DataDir);
        Run(store, false, ("a", 1000, 900, 50));

        Assert.Null(store.SumOfBest());
        Assert.Null(store.CampaignPersonalBest());
        Assert.Single(store.GoldSplits());
        Assert.Equal(new CampaignSeen("main", 1, 0), Assert.Single(store.Campaigns()));
    }

    [Fact]
    public void AddSplit_FinishedRun_ThrowsAndRecordsNothing()
    {
        using var store = RecordsStore.Open(DataDir);
        long run = Run(store, true, ("a", 1000, 900, 50));

        Assert.Throws<InvalidOperationException>(() => store.AddSplit(run, new SplitInput("x", "x", default)));
        Assert.Throws<InvalidOperationException>(() => store.FinishRun(run, Start));
        Assert.Throws<InvalidOperationException>(() => store.AddSplit(999, new SplitInput("x", "x", default)));
        Assert.Single(store.Run(run)!.Splits);
    }

    [Fact]
    public void FinishRun_NoSplit_Throws()
    {
        using var store = RecordsStore.Open(DataDir);
        long run = store.BeginCampaignRun(7, Start);

        Assert.Throws<InvalidOperationException>(() => store.FinishRun(run, Start));
        Assert.Equal(CampaignRunState.Running, store.Run(run)!.State);
    }
}
