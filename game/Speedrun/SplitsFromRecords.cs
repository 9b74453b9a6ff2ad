using VmQuest.Records;

namespace VmQuest.Speedrun;

/// <summary>
/// A campaign's runs in the records, as LiveSplit sees a splits file: every run is an attempt; the segments are
/// the personal best's route (real time decides the personal best, as LiveSplit's default comparison); golds are
/// the best segment times ever; each run's segment times are its segment history. VmQuest's real time is
/// LiveSplit's Real Time and its load-removed time LiveSplit's Game Time; cycles are not part of a splits file.
/// </summary>
public static class SplitsFromRecords
{
    /// <summary>The splits of <paramref name="campaign"/>, or <c>null</c> when it has no finished run.</summary>
    public static SplitsRun? Build(RecordsStore store, string campaign)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.CampaignPersonalBest(campaign) is not { } best)
        {
            return null;
        }

        var runs = store.Runs(campaign).OrderBy(r => r.StartedUtc).ThenBy(r => r.Id).ToList();
        var attemptIds = runs.Select((run, index) => (run.Id, Attempt: index + 1)).ToDictionary(p => p.Id, p => p.Attempt);
        var attempts = runs.Select(run => new RunAttempt(
            attemptIds[run.Id],
            run.StartedUtc.UtcDateTime,
            run.EndedUtc?.UtcDateTime,
            run.State == CampaignRunState.Finished ? Times(run.Total) : null)).ToList();
        var golds = store.GoldSplits(campaign).ToDictionary(g => (g.Index, g.LevelId));
        var segments = best.Splits.Select(split => new RunSegment(
            split.Name,
            Times(split.Cumulative),
            golds.TryGetValue((split.Index, split.LevelId), out var gold) ? Times(gold.Best) : null,
            [.. runs.SelectMany(run => run.Splits
                .Where(s => s.Index == split.Index && s.LevelId == split.LevelId)
                .Select(s => new SegmentTime(attemptIds[run.Id], Times(s.Segment))))])).ToList();
        return new SplitsRun("VmQuest", CategoryName(campaign), attempts, segments);
    }

    private static string CategoryName(string campaign) =>
        campaign == RecordsStore.MainCampaign ? "Campaign" : campaign;

    private static TimePair Times(SpeedrunTimes times) =>
        new(TimeSpan.FromMilliseconds(times.RealMs), TimeSpan.FromMilliseconds(times.LoadRemovedMs));
}
