using Microsoft.Data.Sqlite;

namespace VmQuest.Records;

/// <summary>Campaign runs: one timer across the levels, one split per level; personal best, golds, sum of best.</summary>
public sealed partial class RecordsStore
{
    /// <summary>Starts a campaign run (one transaction) and returns its id; the run is Running until finished or reset.</summary>
    /// <exception cref="RecordsException">The database is locked by another VmQuest or cannot be written.</exception>
    public long BeginCampaignRun(int rulesVersion, DateTimeOffset startedUtc, string campaign = MainCampaign)
    {
        RecordNames.ValidateText(campaign, nameof(campaign));
        ArgumentOutOfRangeException.ThrowIfNegative(rulesVersion);
        return Write(transaction => Scalar(
            "INSERT INTO campaign_runs(campaign, rules_version, started_utc, state) VALUES ($campaign, $rules, $started, 'running') RETURNING id;",
            transaction, ("$campaign", campaign), ("$rules", rulesVersion), ("$started", Time(startedUtc))));
    }

    /// <summary>
    /// Adds the next split to a running run (one transaction): its index is the run's split count, its cumulative
    /// times the previous split's plus this segment's.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such run, or it is finished or reset.</exception>
    /// <exception cref="RecordsException">The database is locked by another VmQuest or cannot be written; nothing was recorded.</exception>
    public CampaignSplit AddSplit(long runId, SplitInput split)
    {
        ArgumentNullException.ThrowIfNull(split);
        RecordNames.ValidateText(split.Name, nameof(split.Name));
        RecordNames.ValidateText(split.LevelId, nameof(split.LevelId));
        split.Segment.Validate();
        return Write(transaction =>
        {
            RequireRunning(runId, transaction);
            var previous = LoadSplits(runId, transaction);
            var cumulative = (previous.Count == 0 ? default : previous[^1].Cumulative) + split.Segment;
            var stored = new CampaignSplit(previous.Count, split.Name, split.LevelId, split.Segment, cumulative, split.AttemptId);
            using var command = Command(
                """
                INSERT INTO campaign_splits(run_id, segment, name, level_id, cycles, real_ms, load_removed_ms,
                    cumulative_cycles, cumulative_real_ms, cumulative_load_removed_ms, attempt_id)
                VALUES ($run, $segment, $name, $level, $cycles, $real, $loadRemoved, $cumCycles, $cumReal, $cumLoadRemoved, $attempt);
                """,
                transaction, ("$run", runId), ("$segment", stored.Index), ("$name", split.Name), ("$level", split.LevelId),
                ("$cycles", split.Segment.Cycles), ("$real", split.Segment.RealMs), ("$loadRemoved", split.Segment.LoadRemovedMs),
                ("$cumCycles", cumulative.Cycles), ("$cumReal", cumulative.RealMs), ("$cumLoadRemoved", cumulative.LoadRemovedMs),
                ("$attempt", split.AttemptId));
            command.ExecuteNonQuery();
            return stored;
        });
    }

    /// <summary>Marks a running run as having reached the end of the campaign (one transaction).</summary>
    /// <exception cref="InvalidOperationException">No such run, it is not running, or it has no split.</exception>
    /// <exception cref="RecordsException">The database is locked or cannot be written.</exception>
    public void FinishRun(long runId, DateTimeOffset endedUtc) => End(runId, endedUtc, "finished");

    /// <summary>Marks a running run as given up (one transaction); its splits still count for golds.</summary>
    /// <exception cref="InvalidOperationException">No such run, or it is not running.</exception>
    /// <exception cref="RecordsException">The database is locked or cannot be written.</exception>
    public void ResetRun(long runId, DateTimeOffset endedUtc) => End(runId, endedUtc, "reset");

    /// <summary>The run with its splits, or null when there is none with that id.</summary>
    public CampaignRun? Run(long runId) => Read(() => LoadRuns("WHERE id = $key", runId, null).SingleOrDefault());

    /// <summary>Every run of <paramref name="campaign"/>, oldest first.</summary>
    public IReadOnlyList<CampaignRun> Runs(string campaign = MainCampaign) => Read(() => LoadRuns("WHERE campaign = $key", campaign, null));

    /// <summary>Every campaign with runs, by name, with its counts.</summary>
    public IReadOnlyList<CampaignSeen> Campaigns() => Read(() =>
    {
        using var command = Command(
            "SELECT campaign, count(*), sum(state = 'finished') FROM campaign_runs GROUP BY campaign ORDER BY campaign;", null);
        using var reader = command.ExecuteReader();
        var campaigns = new List<CampaignSeen>();
        while (reader.Read())
        {
            campaigns.Add(new CampaignSeen(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return campaigns;
    });

    /// <summary>
    /// The finished run with the lowest total on <paramref name="timing"/> (ties: the earliest); null when no run
    /// has finished.
    /// </summary>
    public CampaignRun? CampaignPersonalBest(string campaign = MainCampaign, TimingMethod timing = TimingMethod.RealTime) =>
        Runs(campaign).Where(r => r.State == CampaignRunState.Finished && r.Splits.Count > 0)
            .OrderBy(r => r.Total.Of(timing)).ThenBy(r => r.Id).FirstOrDefault();

    /// <summary>
    /// The best segment ("gold") of every segment of <paramref name="campaign"/> ever split, by position then level:
    /// each figure's minimum over every run, reset or running runs included.
    /// </summary>
    public IReadOnlyList<GoldSplit> GoldSplits(string campaign = MainCampaign) => Read(() =>
    {
        using var command = Command(
            """
            SELECT s.segment, s.level_id, min(s.cycles), min(s.real_ms), min(s.load_removed_ms),
                   (SELECT s2.name FROM campaign_splits s2 JOIN campaign_runs r2 ON r2.id = s2.run_id
                    WHERE r2.campaign = $campaign AND s2.segment = s.segment AND s2.level_id = s.level_id ORDER BY s2.run_id DESC LIMIT 1)
            FROM campaign_splits s JOIN campaign_runs r ON r.id = s.run_id
            WHERE r.campaign = $campaign GROUP BY s.segment, s.level_id ORDER BY s.segment, s.level_id;
            """, null, ("$campaign", campaign));
        using var reader = command.ExecuteReader();
        var golds = new List<GoldSplit>();
        while (reader.Read())
        {
            golds.Add(new GoldSplit(reader.GetInt32(0), reader.GetString(5), reader.GetString(1),
                new SpeedrunTimes(reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4))));
        }

        return golds;
    });

    /// <summary>
    /// The sum of the golds of the segments of the real-time personal best's route (LiveSplit's "sum of best"),
    /// each figure on its own: the best run possible from the best segments so far. Null when no run has finished.
    /// </summary>
    public SpeedrunTimes? SumOfBest(string campaign = MainCampaign)
    {
        if (CampaignPersonalBest(campaign) is not { } best)
        {
            return null;
        }

        var golds = GoldSplits(campaign).ToDictionary(g => (g.Index, g.LevelId));
        return best.Splits.Aggregate(default(SpeedrunTimes), (sum, split) => sum + golds[(split.Index, split.LevelId)].Best);
    }

    private void End(long runId, DateTimeOffset endedUtc, string state) => Write(transaction =>
    {
        RequireRunning(runId, transaction);
        if (state == "finished" && LoadSplits(runId, transaction).Count == 0)
        {
            throw new InvalidOperationException($"campaign run {runId} has no split; it cannot be finished");
        }

        using var command = Command("UPDATE campaign_runs SET state = $state, ended_utc = $ended WHERE id = $id;",
            transaction, ("$state", state), ("$ended", Time(endedUtc)), ("$id", runId));
        return command.ExecuteNonQuery();
    });

    private void RequireRunning(long runId, SqliteTransaction transaction)
    {
        using var command = Command("SELECT state FROM campaign_runs WHERE id = $id;", transaction, ("$id", runId));
        var state = command.ExecuteScalar() as string;
        if (state != "running")
        {
            throw new InvalidOperationException(state is null ? $"no campaign run {runId}" : $"campaign run {runId} is {state}, not running");
        }
    }

    private List<CampaignRun> LoadRuns(string where, object key, SqliteTransaction? transaction)
    {
        using var command = Command(
            $"SELECT id, campaign, rules_version, started_utc, ended_utc, state FROM campaign_runs {where} ORDER BY id;", transaction, ("$key", key));
        using var reader = command.ExecuteReader();
        var runs = new List<(long Id, string Campaign, int Rules, string Started, string? Ended, string State)>();
        while (reader.Read())
        {
            runs.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5)));
        }

        return runs.Select(r => new CampaignRun(r.Id, r.Campaign, r.Rules, Time(r.Started), r.Ended is null ? null : Time(r.Ended), r.State switch
        {
            "finished" => CampaignRunState.Finished,
            "reset" => CampaignRunState.Reset,
            _ => CampaignRunState.Running,
        }, LoadSplits(r.Id, transaction))).ToList();
    }

    private List<CampaignSplit> LoadSplits(long runId, SqliteTransaction? transaction)
    {
        using var command = Command(
            """
            SELECT segment, name, level_id, cycles, real_ms, load_removed_ms, cumulative_cycles, cumulative_real_ms, cumulative_load_removed_ms, attempt_id
            FROM campaign_splits WHERE run_id = $run ORDER BY segment;
            """, transaction, ("$run", runId));
        using var reader = command.ExecuteReader();
        var splits = new List<CampaignSplit>();
        while (reader.Read())
        {
            splits.Add(new CampaignSplit(reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                new SpeedrunTimes(reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)),
                new SpeedrunTimes(reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8)),
                reader.IsDBNull(9) ? null : reader.GetInt64(9)));
        }

        return splits;
    }
}
