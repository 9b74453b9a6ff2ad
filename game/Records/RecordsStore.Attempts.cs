using Microsoft.Data.Sqlite;

namespace VmQuest.Records;

/// <summary>Attempts at single levels: adding them, the Pareto frontier, personal bests.</summary>
public sealed partial class RecordsStore
{
    /// <summary>
    /// Records a finished attempt (and its replay, if any) in one transaction, and says what it achieved against
    /// the won attempts of the same level hash recorded before it (a lost attempt achieves nothing: no new
    /// personal best, not on the frontier).
    /// </summary>
    /// <exception cref="ArgumentException">The attempt breaks an invariant of <see cref="AttemptRecord"/>.</exception>
    /// <exception cref="RecordsException">The database is locked by another VmQuest or cannot be written; nothing was recorded.</exception>
    public RecordedAttempt AddAttempt(AttemptRecord attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        attempt.Validate();
        return Write(transaction =>
        {
            var earlier = LoadAttempts(attempt.LevelId, attempt.LevelHash, transaction);
            using (var level = Command(
                """
                INSERT INTO levels(id, hash, version, first_seen_utc, last_seen_utc) VALUES ($id, $hash, $version, $time, $time)
                ON CONFLICT(id, hash) DO UPDATE SET version = excluded.version,
                    first_seen_utc = min(first_seen_utc, excluded.first_seen_utc), last_seen_utc = max(last_seen_utc, excluded.last_seen_utc);
                """,
                transaction, ("$id", attempt.LevelId), ("$hash", attempt.LevelHash), ("$version", attempt.LevelVersion), ("$time", Time(attempt.FinishedUtc))))
            {
                level.ExecuteNonQuery();
            }

            long id = Scalar(
                """
                INSERT INTO attempts(level_id, level_hash, level_version, rules_version, finished_utc, seed, cycles, real_ms, load_removed_ms, verified, won, timed)
                VALUES ($level, $hash, $version, $rules, $finished, $seed, $cycles, $real, $loadRemoved, $verified, $won, $timed) RETURNING id;
                """,
                transaction, ("$level", attempt.LevelId), ("$hash", attempt.LevelHash), ("$version", attempt.LevelVersion),
                ("$rules", attempt.RulesVersion), ("$finished", Time(attempt.FinishedUtc)), ("$seed", unchecked((long)attempt.Seed)),
                ("$cycles", attempt.Times.Cycles), ("$real", attempt.Times.RealMs), ("$loadRemoved", attempt.Times.LoadRemovedMs),
                ("$verified", attempt.Verified ? 1 : 0), ("$won", attempt.Won ? 1 : 0), ("$timed", attempt.Timed ? 1 : 0));
            for (int i = 0; i < attempt.Metrics.Count; i++)
            {
                using var metric = Command("INSERT INTO attempt_metrics(attempt_id, ordinal, name, value) VALUES ($id, $ordinal, $name, $value);",
                    transaction, ("$id", id), ("$ordinal", i), ("$name", attempt.Metrics[i].Name), ("$value", attempt.Metrics[i].Value));
                metric.ExecuteNonQuery();
            }

            if (attempt.Replay is { Length: > 0 } replay)
            {
                using var blob = Command("INSERT INTO replays(attempt_id, bytes) VALUES ($id, $bytes);", transaction, ("$id", id), ("$bytes", replay.ToArray()));
                blob.ExecuteNonQuery();
            }

            var stored = new StoredAttempt(id, attempt with { Replay = null }, attempt.Replay is { Length: > 0 });
            var all = earlier.Append(stored).OrderBy(a => a.Attempt.FinishedUtc).ThenBy(a => a.Id).ToArray();
            if (!attempt.Won)
            {
                return new RecordedAttempt(id, [], false, all.Length);
            }

            var earlierWins = earlier.Where(e => e.Attempt.Won).ToArray();
            bool onFrontier = FrontierOf(all).Any(a => a.Id == id);
            var newBests = attempt.Metrics
                .Where(m => earlierWins.All(e => e.Attempt.Metric(m.Name) is not { } old || m.Value < old))
                .Select(m => m.Name).ToArray();
            return new RecordedAttempt(id, newBests, onFrontier, all.Length);
        });
    }

    /// <summary>Every level id and hash with attempts, by id then first seen.</summary>
    public IReadOnlyList<LevelSeen> Levels() => Read(() =>
    {
        using var command = Command(
            """
            SELECT l.id, l.version, l.hash, l.first_seen_utc, l.last_seen_utc, (SELECT count(*) FROM attempts a WHERE a.level_id = l.id AND a.level_hash = l.hash)
            FROM levels l ORDER BY l.id, l.first_seen_utc, l.hash;
            """, null);
        using var reader = command.ExecuteReader();
        var levels = new List<LevelSeen>();
        while (reader.Read())
        {
            levels.Add(new LevelSeen(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), Time(reader.GetString(3)), Time(reader.GetString(4)), reader.GetInt64(5)));
        }

        return levels;
    });

    /// <summary>
    /// The hash a level's records are compared under when none is given: the one whose latest attempt finished
    /// last (the level as the player has it now). Null when the level has no attempts.
    /// </summary>
    public string? CurrentHash(string levelId) => Read(() =>
    {
        using var command = Command("SELECT hash FROM levels WHERE id = $id ORDER BY last_seen_utc DESC, version DESC LIMIT 1;", null, ("$id", levelId));
        return command.ExecuteScalar() as string;
    });

    /// <summary>
    /// Every attempt of <paramref name="levelId"/> at <paramref name="levelHash"/> (default <see cref="CurrentHash"/>),
    /// won or lost, earliest finished first (ties by id). Replays are not loaded.
    /// </summary>
    public IReadOnlyList<StoredAttempt> Attempts(string levelId, string? levelHash = null) => Read(() =>
        (levelHash ?? CurrentHash(levelId)) is { } hash ? LoadAttempts(levelId, hash, null) : []);

    /// <summary>
    /// The Pareto frontier of the level's won attempts at <paramref name="levelHash"/> (default <see cref="CurrentHash"/>):
    /// each stays unless another is ≤ on every metric and &lt; on one; of exact ties the earliest stays. A metric an
    /// attempt lacks counts as worse than any value. In lexicographic order of the metrics in the level's order.
    /// </summary>
    public IReadOnlyList<StoredAttempt> Frontier(string levelId, string? levelHash = null) => FrontierOf(Attempts(levelId, levelHash));

    /// <summary>The metric names of the level's attempts at <paramref name="levelHash"/> (default <see cref="CurrentHash"/>), in the level's order.</summary>
    public IReadOnlyList<string> MetricNames(string levelId, string? levelHash = null) => MetricNamesOf(Attempts(levelId, levelHash));

    /// <summary>The lowest value of <paramref name="metric"/> among the level's won attempts (at the current hash by default); null when none has it.</summary>
    public long? PersonalBest(string levelId, string metric, string? levelHash = null) =>
        Attempts(levelId, levelHash).Where(a => a.Attempt.Won).Select(a => a.Attempt.Metric(metric)).Where(v => v is not null).Min();

    /// <summary>
    /// The best of each speedrun figure among the level's timed won attempts (each on its own); null with none.
    /// Untimed results (<see cref="AttemptRecord.Timed"/>) are left out: their 0 ms is "unknown", not a record.
    /// </summary>
    public SpeedrunTimes? BestTimes(string levelId, string? levelHash = null)
    {
        var attempts = Attempts(levelId, levelHash).Where(a => a.Attempt.Won && a.Attempt.Timed).ToArray();
        return attempts.Length == 0
            ? null
            : new SpeedrunTimes(
                attempts.Min(a => a.Attempt.Times.Cycles), attempts.Min(a => a.Attempt.Times.RealMs), attempts.Min(a => a.Attempt.Times.LoadRemovedMs));
    }

    /// <summary>The replay stored with attempt <paramref name="attemptId"/>, or null when it has none.</summary>
    public byte[]? Replay(long attemptId) => Read(() =>
    {
        using var command = Command("SELECT bytes FROM replays WHERE attempt_id = $id;", null, ("$id", attemptId));
        return command.ExecuteScalar() as byte[];
    });

    private static IReadOnlyList<StoredAttempt> FrontierOf(IReadOnlyList<StoredAttempt> earliestFirst)
    {
        var names = MetricNamesOf(earliestFirst);
        var wins = earliestFirst.Where(a => a.Attempt.Won).ToArray();
        return ParetoFrontier.Of(wins, a => names.Select(n => a.Attempt.Metric(n) ?? long.MaxValue).ToArray());
    }

    private static string[] MetricNamesOf(IEnumerable<StoredAttempt> attempts) =>
        attempts.SelectMany(a => a.Attempt.Metrics.Select((m, i) => (m.Name, i)))
            .GroupBy(m => m.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Min(m => m.i)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToArray();

    private List<StoredAttempt> LoadAttempts(string levelId, string levelHash, SqliteTransaction? transaction)
    {
        var metrics = new Dictionary<long, List<MetricValue>>();
        using (var command = Command(
            """
            SELECT m.attempt_id, m.name, m.value FROM attempt_metrics m JOIN attempts a ON a.id = m.attempt_id
            WHERE a.level_id = $level AND a.level_hash = $hash ORDER BY m.attempt_id, m.ordinal;
            """, transaction, ("$level", levelId), ("$hash", levelHash)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                long id = reader.GetInt64(0);
                if (!metrics.TryGetValue(id, out var list))
                {
                    metrics[id] = list = [];
                }

                list.Add(new MetricValue(reader.GetString(1), reader.GetInt64(2)));
            }
        }

        using var attempts = Command(
            """
            SELECT a.id, a.level_version, a.rules_version, a.finished_utc, a.seed, a.cycles, a.real_ms, a.load_removed_ms, a.verified,
                   EXISTS (SELECT 1 FROM replays r WHERE r.attempt_id = a.id), a.won, a.timed
            FROM attempts a WHERE a.level_id = $level AND a.level_hash = $hash ORDER BY a.finished_utc, a.id;
            """, transaction, ("$level", levelId), ("$hash", levelHash));
        using var rows = attempts.ExecuteReader();
        var result = new List<StoredAttempt>();
        while (rows.Read())
        {
            long id = rows.GetInt64(0);
            var record = new AttemptRecord(
                levelId, rows.GetInt32(1), levelHash, rows.GetInt32(2), Time(rows.GetString(3)), unchecked((ulong)rows.GetInt64(4)),
                metrics.TryGetValue(id, out var list) ? list : [],
                new SpeedrunTimes(rows.GetInt64(5), rows.GetInt64(6), rows.GetInt64(7)), rows.GetInt64(8) != 0, Won: rows.GetInt64(10) != 0, Timed: rows.GetInt64(11) != 0);
            result.Add(new StoredAttempt(id, record, rows.GetBoolean(9)));
        }

        return result;
    }
}
