using Microsoft.Data.Sqlite;
using VmQuest.Records;
using static VmQuest.Tests.Game.Records.RecordsSamples;

namespace VmQuest.Tests.Game.Records;

/// <summary>Lost attempts (schema 2): recorded and counted, never personal bests; older files are upgraded in place.</summary>
public sealed class RecordsStoreLostAttemptTests : RecordsDirectoryTest
{
    [Fact]
    public void AddAttempt_Lost_CountedButNotOnTheFrontierNorABest()
    {
        using var store = RecordsStore.Open(DataDir);
        store.AddAttempt(Attempt(5, 500, 5, minute: 0));

        var lost = store.AddAttempt(Attempt(1, 100, 1, minute: 1) with { Won = false });

        Assert.Empty(lost.NewPersonalBests);
        Assert.False(lost.OnFrontier);
        Assert.Equal(2, lost.AttemptNumber);
        Assert.Equal(5, store.PersonalBest("demand-paging", "faults"));
        Assert.Equal(500, store.BestTimes("demand-paging")!.Value.Cycles);
        Assert.Equal([false], store.Frontier("demand-paging").Select(a => a.Attempt.Metric("faults") == 1));
        Assert.Equal([true, false], store.Attempts("demand-paging").Select(a => a.Attempt.Won));
    }

    [Fact]
    public void AddAttempt_WinAfterABetterLoss_ComparedWithTheWinsOnly()
    {
        using var store = RecordsStore.Open(DataDir);
        store.AddAttempt(Attempt(1, 100, 1, minute: 0) with { Won = false });

        var win = store.AddAttempt(Attempt(5, 500, 5, minute: 1));

        Assert.Equal(["faults", "cycles", "actions"], win.NewPersonalBests);
        Assert.True(win.OnFrontier);
    }

    [Fact]
    public void AddAttempt_LostWithAReplay_Refused()
    {
        using var store = RecordsStore.Open(DataDir);

        Assert.Throws<ArgumentException>(() => store.AddAttempt(Attempt(1, 1, 1, replay: [1, 2, 3]) with { Won = false }));
        Assert.Empty(store.Levels());
    }

    [Fact]
    public void BestTimes_UntimedResult_LeftOutButItsMetricsCount()
    {
        using var store = RecordsStore.Open(DataDir);
        store.AddAttempt(Attempt(5, 500, 5, minute: 0));
        store.AddAttempt(Attempt(3, 300, 3, minute: 1) with { Times = new SpeedrunTimes(300, 0, 0), Timed = false });

        Assert.Equal(new SpeedrunTimes(500, 60_000, 50_000), store.BestTimes("demand-paging"));
        Assert.Equal(3, store.PersonalBest("demand-paging", "faults"));
        Assert.False(store.Attempts("demand-paging")[1].Attempt.Timed);
    }

    [Fact]
    public void AddAttempt_UntimedWithATime_Refused()
    {
        using var store = RecordsStore.Open(DataDir);

        Assert.Throws<ArgumentException>(() => store.AddAttempt(Attempt(1, 1, 1) with { Timed = false }));
    }

    [Fact]
    public void Open_SchemaVersion1File_UpgradedInPlaceItsAttemptsWins()
    {
        Directory.CreateDirectory(DataDir);
        using (var v1 = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString()))
        {
            v1.Open();
            RecordsSchema.Migrate(v1, 1);
            using var insert = v1.CreateCommand();
            insert.CommandText =
                """
                INSERT INTO levels VALUES ('old-level', 'h0', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
                INSERT INTO attempts(level_id, level_hash, level_version, rules_version, finished_utc, seed, cycles, real_ms, load_removed_ms, verified)
                VALUES ('old-level', 'h0', 1, 1, '2026-01-01T00:00:00.000Z', 3, 10, 20, 15, 1);
                INSERT INTO attempt_metrics VALUES (1, 0, 'faults', 4);
                """;
            insert.ExecuteNonQuery();
        }

        using var store = RecordsStore.Open(DataDir);

        var old = Assert.Single(store.Attempts("old-level"));
        Assert.True(old.Attempt.Won);
        Assert.True(old.Attempt.Timed);
        Assert.Equal(4, store.PersonalBest("old-level", "faults"));
        Assert.Single(store.Frontier("old-level"));
        using var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        raw.Open();
        using var version = raw.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        Assert.Equal(2L, version.ExecuteScalar());
    }
}
