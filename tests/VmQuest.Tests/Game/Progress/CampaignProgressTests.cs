using System.Xml.Linq;
using VmQuest.Levels.Model;
using VmQuest.Progress;
using VmQuest.Records;
using VmQuest.Speedrun;
using VmQuest.Tests.Game.Records;
using VmQuest.Tests.Game.Speedrun;

namespace VmQuest.Tests.Game.Progress;

/// <summary>A campaign run through GameProgress: one timer across its levels, retries included, a split per level, and the LSS export of it.</summary>
public sealed class CampaignProgressTests : RecordsDirectoryTest
{
    private readonly ManualClock _time = new();
    private readonly Level _first = ProgressSamples.Belady;
    private readonly Level _second = ProgressSamples.Belady with { Id = "victim-belady-again", Title = new LocalizedText("Again", "再来一次") };

    [Fact]
    public void Campaign_TwoLevelsWithARetryAndMenus_SplitsRecordedRunFinished()
    {
        using var progress = new GameProgress(DataDir, _time);
        var (r1, r2, retryCycles) = PlayCampaign(progress);

        Assert.NotNull(r1.Split);
        Assert.Equal(0, r1.Split!.Index);
        // Segment 1: 2 s of a lost try, 1 s on its results, 3 s of the win; the results menu is load time.
        Assert.Equal(new SpeedrunTimes(retryCycles + r1.Times.Cycles, 6_000, 5_000), r1.Split.Segment);
        // Segment 2: 4 s of results and briefing (load) after the split, then 5 s of play.
        Assert.Equal(new SpeedrunTimes(r2.Times.Cycles, 9_000, 5_000), r2.Split!.Segment);
        Assert.Equal(new SpeedrunTimes(retryCycles + r1.Times.Cycles + r2.Times.Cycles, 15_000, 10_000), r2.Split.Cumulative);

        using var store = RecordsStore.Open(DataDir);
        var run = Assert.Single(store.Runs());
        Assert.Equal(CampaignRunState.Finished, run.State);
        Assert.Equal(["Choose the victim", "Again"], run.Splits.Select(s => s.Name));
        Assert.Equal([_first.Id, _second.Id], run.Splits.Select(s => s.LevelId));
        Assert.Equal(r2.Split.Cumulative, run.Total);
        Assert.Equal(run.Id, store.CampaignPersonalBest()!.Id);
        Assert.Equal(run.Total, store.SumOfBest());
        // Every attempt is in the records, the lost retry too.
        Assert.Equal(2, store.Attempts(_first.Id, _first.Hash).Count);
        Assert.Equal(r1.Split.AttemptId, store.Attempts(_first.Id, _first.Hash)[1].Id);
    }

    [Fact]
    public void Campaign_SecondFasterOnOneSegment_GoldsAndSumOfBestMixRuns()
    {
        using (var progress = new GameProgress(DataDir, _time))
        {
            PlayCampaign(progress);
        }

        using (var progress = new GameProgress(DataDir, _time))
        {
            progress.CampaignStarted(RecordsStore.MainCampaign, [_first, _second]);
            Win(progress, _first, seconds: 1);            // segment 1: 1 s (gold; was 6 s)
            Win(progress, _second, seconds: 20);          // segment 2: 20 s (was 9 s)
        }

        using var store = RecordsStore.Open(DataDir);
        Assert.Equal(2, store.Runs().Count);
        var golds = store.GoldSplits();
        Assert.Equal([1_000L, 9_000L], golds.Select(g => g.Best.RealMs));
        Assert.Equal(10_000, store.SumOfBest()!.Value.RealMs);
        Assert.Equal(15_000, store.CampaignPersonalBest()!.Total.RealMs);
    }

    [Fact]
    public void SplitsExport_CampaignPlayedThroughGameProgress_LssWithPersonalBestAndGolds()
    {
        using (var progress = new GameProgress(DataDir, _time))
        {
            PlayCampaign(progress);
        }

        using var store = RecordsStore.Open(DataDir);
        var path = Path.Combine(Root, "vmquest.lss");
        LssWriter.Write(SplitsFromRecords.Build(store, RecordsStore.MainCampaign)!, path);

        var root = XDocument.Load(path).Root!;
        var segments = root.Element("Segments")!.Elements("Segment").ToList();
        Assert.Equal(["Choose the victim", "Again"], segments.Select(s => s.Element("Name")!.Value));
        var pb = segments[1].Element("SplitTimes")!.Elements("SplitTime").Single(s => s.Attribute("name")!.Value == "Personal Best");
        Assert.Equal("00:00:15.0000000", pb.Element("RealTime")!.Value);
        Assert.Equal("00:00:10.0000000", pb.Element("GameTime")!.Value);
        Assert.Equal("00:00:06.0000000", segments[0].Element("BestSegmentTime")!.Element("RealTime")!.Value);
    }

    [Fact]
    public void CampaignNextLevel_FollowsTheRunsSegmentsThenNone()
    {
        using var progress = new GameProgress(DataDir, _time);
        Assert.Null(progress.CampaignNextLevel);

        progress.CampaignStarted(RecordsStore.MainCampaign, [_first, _second]);
        Assert.Equal(_first.Id, progress.CampaignNextLevel?.Id);
        Win(progress, _first, seconds: 1);
        Assert.Equal(_second.Id, progress.CampaignNextLevel?.Id);   // the results' "next level"
        Win(progress, _second, seconds: 1);
        Assert.Null(progress.CampaignNextLevel);                     // finished: back to the map's order
    }

    [Fact]
    public void CampaignNextLevel_AfterGivingUp_IsNone()
    {
        using var progress = new GameProgress(DataDir, _time);
        progress.CampaignStarted(RecordsStore.MainCampaign, [_first, _second]);

        progress.CampaignAbandoned();

        Assert.Null(progress.CampaignNextLevel);
    }

    [Fact]
    public void CampaignAbandoned_MidRun_RunResetItsSplitStillAGold()
    {
        using (var progress = new GameProgress(DataDir, _time))
        {
            progress.CampaignStarted(RecordsStore.MainCampaign, [_first, _second]);
            Win(progress, _first, seconds: 2);
            progress.LevelStarted(_second);
            progress.PlayerActed();
            _time.Advance(1);
            progress.LevelAbandoned(ProgressSamples.Fifo(_second));
            progress.CampaignAbandoned();
        }

        using var store = RecordsStore.Open(DataDir);
        var run = Assert.Single(store.Runs());
        Assert.Equal(CampaignRunState.Reset, run.State);
        Assert.Single(run.Splits);
        Assert.Null(store.CampaignPersonalBest());
        Assert.Equal(2_000, Assert.Single(store.GoldSplits()).Best.RealMs);
    }

    [Fact]
    public void Dispose_CampaignUnfinished_RunReset()
    {
        using (var progress = new GameProgress(DataDir, _time))
        {
            progress.CampaignStarted(RecordsStore.MainCampaign, [_first, _second]);
            progress.LevelStarted(_first);
            progress.PlayerActed();
        }

        using var store = RecordsStore.Open(DataDir);
        Assert.Equal(CampaignRunState.Reset, Assert.Single(store.Runs()).State);
    }

    [Fact]
    public void Campaign_WithoutRecords_SplitsStillTimed()
    {
        using var progress = new NullGameProgress(_time);
        progress.CampaignStarted("main", [_first]);

        var result = Win(progress, _first, seconds: 3);

        Assert.Equal(new SpeedrunTimes(result.Times.Cycles, 3_000, 3_000), result.Split!.Segment);
        Assert.Null(result.Split.AttemptId);
    }

    /// <summary>Level 1 lost once then won, results, briefing, level 2 won. Returns both wins and the lost try's cycles.</summary>
    private (LevelResult First, LevelResult Second, long RetryCycles) PlayCampaign(IGameProgress progress)
    {
        progress.MenuEntered();                            // the briefing before the timer starts: not timed at all
        _time.Advance(30);
        progress.CampaignStarted(RecordsStore.MainCampaign, [_first, _second]);
        progress.LevelStarted(_first);
        progress.MenuLeft();
        progress.PlayerActed();                            // the run starts
        _time.Advance(2);
        var lost = new LostSession(_first);
        var lostResult = progress.LevelFinished(lost);
        Assert.Null(lostResult.Split);
        progress.MenuEntered();                            // its results
        _time.Advance(1);
        progress.LevelStarted(_first);                     // retry
        progress.MenuLeft();
        progress.PlayerActed();
        _time.Advance(3);
        var first = progress.LevelFinished(ProgressSamples.Optimal(_first));
        progress.MenuEntered();                            // results, then the briefing of level 2
        _time.Advance(4);
        progress.LevelStarted(_second);
        progress.MenuLeft();
        progress.PlayerActed();
        _time.Advance(5);
        var second = progress.LevelFinished(ProgressSamples.Optimal(_second));
        return (first, second, lost.Kernel.Machine.Clock.Cycles);
    }

    private LevelResult Win(IGameProgress progress, Level level, double seconds)
    {
        progress.LevelStarted(level);
        progress.PlayerActed();
        _time.Advance(seconds);
        return progress.LevelFinished(ProgressSamples.Optimal(level));
    }
}
