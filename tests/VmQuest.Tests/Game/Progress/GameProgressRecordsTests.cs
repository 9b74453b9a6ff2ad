using VmQuest.Progress;
using VmQuest.Records;
using VmQuest.Replays;
using VmQuest.Tests.Game.Records;
using VmQuest.Tests.Game.Speedrun;

namespace VmQuest.Tests.Game.Progress;

/// <summary>GameProgress over a real records database: every attempt recorded, personal bests, new-record marks, the frontier.</summary>
public sealed class GameProgressRecordsTests : RecordsDirectoryTest
{
    private readonly ManualClock _time = new();

    [Fact]
    public void LevelFinished_FirstWin_RecordedWithItsReplayEveryMetricANewRecord()
    {
        using var progress = new GameProgress(DataDir, _time);

        var result = Play(progress, ProgressSamples.Optimal(), seconds: 12);

        Assert.True(result.Recorded);
        Assert.True(result.OnFrontier);
        Assert.All(result.Metrics, m => Assert.True(m.IsNewRecord, m.Name));
        Assert.All(result.Metrics, m => Assert.Null(m.PersonalBest));
        Assert.Null(result.Note);
        using var store = RecordsStore.Open(DataDir);
        var stored = Assert.Single(store.Attempts(ProgressSamples.Belady.Id, ProgressSamples.Belady.Hash));
        Assert.True(stored.Attempt.Won);
        Assert.False(stored.Attempt.Verified);
        Assert.Equal(new SpeedrunTimes(result.Times.Cycles, 12_000, 12_000), stored.Attempt.Times);
        var replay = ReplayReader.Parse(System.Text.Encoding.UTF8.GetString(store.Replay(stored.Id)!), "stored");
        Assert.Equal(ProgressSamples.Belady.Id, replay.LevelId);
        Assert.True(VmQuest.Play.ReplayVerifier.Verify(replay, ProgressSamples.Belady).Verified);
    }

    [Fact]
    public void LevelFinished_LaterAttempts_PersonalBestBeforeThisOneAndMarksOnlyWhereBetter()
    {
        using var progress = new GameProgress(DataDir, _time);
        Play(progress, ProgressSamples.Optimal(), seconds: 12);

        // FIFO: more faults (9 > 7) but fewer actions (0 < 4): a new record on actions, still on the frontier.
        var fifo = Play(progress, ProgressSamples.Fifo(), seconds: 3);
        var faults = fifo.Metrics.Single(m => m.Name == "faults");
        var actions = fifo.Metrics.Single(m => m.Name == "actions");
        Assert.Equal((9L, 7L, false), (faults.Value, faults.PersonalBest!.Value, faults.IsNewRecord));
        Assert.Equal((0L, 4L, true), (actions.Value, actions.PersonalBest!.Value, actions.IsNewRecord));
        Assert.True(fifo.OnFrontier);

        // OPT again: an exact tie with the first attempt, which keeps its place; no mark.
        var again = Play(progress, ProgressSamples.Optimal(), seconds: 5);
        Assert.False(again.OnFrontier);
        Assert.All(again.Metrics, m => Assert.False(m.IsNewRecord, m.Name));
        Assert.Equal(7, again.Metrics.Single(m => m.Name == "faults").PersonalBest);
        Assert.Equal(0, again.Metrics.Single(m => m.Name == "actions").PersonalBest);
    }

    [Fact]
    public void LevelFinished_Lost_RecordedButNeverAPersonalBestEvenWithBetterNumbers()
    {
        using var progress = new GameProgress(DataDir, _time);
        Play(progress, ProgressSamples.Optimal(), seconds: 12);

        var lost = Play(progress, new LostSession(ProgressSamples.Belady), seconds: 1);

        Assert.True(lost.Recorded);
        Assert.False(lost.OnFrontier);
        Assert.All(lost.Metrics, m => Assert.False(m.IsNewRecord, m.Name));
        Assert.Null(lost.Replay);
        using var store = RecordsStore.Open(DataDir);
        var level = ProgressSamples.Belady;
        Assert.Equal(2, store.Attempts(level.Id, level.Hash).Count);
        Assert.False(store.Attempts(level.Id, level.Hash)[1].Attempt.Won);
        Assert.False(store.Attempts(level.Id, level.Hash)[1].HasReplay);
        Assert.Equal(7, store.PersonalBest(level.Id, "faults", level.Hash));
        Assert.Single(store.Frontier(level.Id, level.Hash));
    }

    [Fact]
    public void StandingOf_AfterAttempts_CountsEveryAttemptBestsFromWinsAndParsMet()
    {
        var level = ProgressSamples.Belady;
        using var progress = new GameProgress(DataDir, _time);
        var empty = progress.StandingOf(level);
        Assert.Equal((0, false, 0, 3), (empty.Attempts, empty.Won, empty.ParsMet, empty.ParCount));
        Assert.Equal([("faults", (long?)null), ("actions", null), ("cycles", null)], empty.Bests);

        var fifo = Play(progress, ProgressSamples.Fifo(), seconds: 3);
        Play(progress, new LostSession(level), seconds: 1);
        var standing = progress.StandingOf(level);

        Assert.Equal(2, standing.Attempts);
        Assert.True(standing.Won);
        Assert.Equal(9, standing.Bests.Single(b => b.Metric == "faults").Best);
        long fifoCycles = fifo.Metrics.Single(m => m.Name == "cycles").Value;
        Assert.Equal(fifoCycles, standing.Bests.Single(b => b.Metric == "cycles").Best);
        Assert.Equal(fifo.Metrics.Count(m => m.MeetsPar), standing.ParsMet);
        Assert.Equal(3, standing.ParCount);

        Play(progress, ProgressSamples.Optimal(), seconds: 12);
        Assert.Equal(3, progress.StandingOf(level).ParsMet);
        Assert.Equal(3, progress.StandingOf(level).Attempts);
    }

    [Fact]
    public void LevelFinished_DatabaseLockedByAnotherVmquestDuringPlay_OneLineNotRecordedAndTheGameGoesOn()
    {
        using var progress = new GameProgress(DataDir, _time);
        Play(progress, ProgressSamples.Optimal(), seconds: 2);
        LevelResult locked;
        using (var holder = ProgressSamples.Raw(DatabasePath))
        {
            ProgressSamples.Execute(holder, "BEGIN EXCLUSIVE;");
            locked = Play(progress, ProgressSamples.Fifo(), seconds: 2);
        }

        Assert.False(locked.Recorded);
        Assert.Equal($"vmquest: {DatabasePath}: is locked by another running VmQuest; close it (or wait for it to finish writing) and try again; not recorded (the game plays on)", locked.Note);
        Assert.Equal(locked.Note, ((IGameProgress)progress).StatusNote);
        Assert.True(locked.Won);
        Assert.Equal(9, locked.Metrics.Single(m => m.Name == "faults").Value);

        var after = Play(progress, ProgressSamples.Fifo(), seconds: 2);
        Assert.True(after.Recorded);
        Assert.Null(after.Note);
        Assert.Null(((IGameProgress)progress).StatusNote); // the title screen no longer warns
    }

    [Fact]
    public void LevelFinished_DatabaseReplacedByJunkDuringPlay_MovedAsideReportedAndANewOneStarted()
    {
        using var progress = new GameProgress(DataDir, _time);
        Play(progress, ProgressSamples.Optimal(), seconds: 2);
        File.WriteAllText(DatabasePath, "this is not a database, it is a shopping list\n");

        var result = Play(progress, ProgressSamples.Fifo(), seconds: 2);

        Assert.True(result.Recorded);
        Assert.NotNull(result.Note);
        Assert.StartsWith($"vmquest: {DatabasePath}: not a records database (no SQLite header); moved aside to {DatabasePath}.corrupt-", result.Note, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Note);
        Assert.True(result.OnFrontier); // the first attempt of the new database
        var aside = Assert.Single(Directory.GetFiles(DataDir, "*.corrupt-*"));
        Assert.Equal("this is not a database, it is a shopping list\n", File.ReadAllText(aside));
    }

    [Fact]
    public void LevelFinished_DatabaseMovedAwayDuringPlay_ANewOneStartedAndTheOldOneKeptWhereItWent()
    {
        using var progress = new GameProgress(DataDir, _time);
        Play(progress, ProgressSamples.Optimal(), seconds: 2);
        var moved = Path.Combine(Root, "backup.sqlite3");
        File.Move(DatabasePath, moved);

        var result = Play(progress, ProgressSamples.Fifo(), seconds: 2);

        Assert.True(result.Recorded);
        Assert.All(result.Metrics, m => Assert.Null(m.PersonalBest));
        using var raw = ProgressSamples.Raw(moved);
        using var count = raw.CreateCommand();
        count.CommandText = "SELECT count(*) FROM attempts;";
        Assert.Equal(1L, count.ExecuteScalar());
    }

    [Fact]
    public void Construct_NewerSchema_TitleScreenLineNothingRecordedFileUntouched()
    {
        using (var store = RecordsStore.Open(DataDir))
        {
            store.AddAttempt(RecordsSamples.Attempt(1, 2, 3));
        }

        using (var raw = ProgressSamples.Raw(DatabasePath))
        {
            ProgressSamples.Execute(raw, "PRAGMA user_version = 9;");
        }

        var before = File.ReadAllBytes(DatabasePath);
        using var progress = new GameProgress(DataDir, _time);

        Assert.Equal($"vmquest: {DatabasePath}: records schema version 9 is newer than this VmQuest knows (2); use a newer VmQuest (the file is left untouched); not recorded (the game plays on)",
            ((IGameProgress)progress).StatusNote);
        var result = Play(progress, ProgressSamples.Optimal(), seconds: 2);
        Assert.False(result.Recorded);
        Assert.NotNull(result.Note);
        Assert.Equal(0, progress.StandingOf(ProgressSamples.Belady).Attempts);
        Assert.Equal(before, File.ReadAllBytes(DatabasePath));
    }

    [Fact]
    public void Open_DataDirectoryIsAFile_OneLineOnStderrAndTheGamePlays()
    {
        Directory.CreateDirectory(Root);
        File.WriteAllText(DataDir, "a file where the data directory should be");
        var error = new StringWriter();

        using var progress = GameProgress.Open(DataDir, null, error, _time);

        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"vmquest: {DataDir}: is a regular file; expected a directory for the records; not recorded (the game plays on)", line);
        var result = Play(progress, ProgressSamples.Optimal(), seconds: 1);
        Assert.True(result.Won);
        Assert.False(result.Recorded);
    }

    [Fact]
    public void SaveReplay_Won_WritesAReplayThatVerifies()
    {
        using var progress = new GameProgress(DataDir, _time);
        var result = Play(progress, ProgressSamples.Optimal(), seconds: 1);
        var path = Path.Combine(Root, "mine.vmqr");

        Assert.Equal(path, progress.SaveReplay(result, path));

        Assert.True(VmQuest.Play.ReplayVerifier.Verify(ReplayReader.Read(path), ProgressSamples.Belady).Verified);
    }

    private LevelResult Play(GameProgress progress, VmQuest.Play.LevelSession finished, double seconds)
    {
        progress.LevelStarted(finished.Level);
        progress.PlayerActed();
        _time.Advance(seconds);
        return progress.LevelFinished(finished);
    }
}
