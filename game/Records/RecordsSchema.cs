using Microsoft.Data.Sqlite;

namespace VmQuest.Records;

/// <summary>
/// The records database's schema, versioned with <c>PRAGMA user_version</c> and marked as VmQuest's with
/// <c>PRAGMA application_id</c>. <see cref="Migrations"/>[i] takes a database from version i to i + 1; each runs in
/// its own transaction together with the version bump, so a kill mid-migration leaves the old version intact.
/// Never edit a shipped migration: add the next one (and a test that upgrades a database of the previous version).
/// </summary>
internal static class RecordsSchema
{
    /// <summary><c>PRAGMA application_id</c> of a records database: "VMQr".</summary>
    public const int ApplicationId = 0x564D_5172;

    /// <summary>The schema version this build writes; a database with a larger one is refused.</summary>
    public static int CurrentVersion => Migrations.Length;

    // Times are TEXT 'yyyy-MM-ddTHH:mm:ss.fffZ' (UTC; sorts as time; readable in the sqlite3 shell). Figures are
    // INTEGER milliseconds and cycles. Seeds are the u64's two's-complement pattern in an INTEGER.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE levels(
            id             TEXT    NOT NULL,
            hash           TEXT    NOT NULL,
            version        INTEGER NOT NULL,
            first_seen_utc TEXT    NOT NULL,
            last_seen_utc  TEXT    NOT NULL,
            PRIMARY KEY (id, hash)
        ) WITHOUT ROWID;

        CREATE TABLE attempts(
            id              INTEGER PRIMARY KEY,
            level_id        TEXT    NOT NULL,
            level_hash      TEXT    NOT NULL,
            level_version   INTEGER NOT NULL,
            rules_version   INTEGER NOT NULL,
            finished_utc    TEXT    NOT NULL,
            seed            INTEGER NOT NULL,
            cycles          INTEGER NOT NULL CHECK (cycles >= 0),
            real_ms         INTEGER NOT NULL CHECK (real_ms >= 0),
            load_removed_ms INTEGER NOT NULL CHECK (load_removed_ms BETWEEN 0 AND real_ms),
            verified        INTEGER NOT NULL CHECK (verified IN (0, 1)),
            FOREIGN KEY (level_id, level_hash) REFERENCES levels(id, hash)
        );
        CREATE INDEX attempts_by_level ON attempts(level_id, level_hash, finished_utc);

        CREATE TABLE attempt_metrics(
            attempt_id INTEGER NOT NULL REFERENCES attempts(id),
            ordinal    INTEGER NOT NULL,
            name       TEXT    NOT NULL,
            value      INTEGER NOT NULL,
            PRIMARY KEY (attempt_id, name)
        ) WITHOUT ROWID;

        CREATE TABLE replays(
            attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id),
            bytes      BLOB    NOT NULL
        );

        CREATE TABLE campaign_runs(
            id            INTEGER PRIMARY KEY,
            campaign      TEXT    NOT NULL,
            rules_version INTEGER NOT NULL,
            started_utc   TEXT    NOT NULL,
            ended_utc     TEXT,
            state         TEXT    NOT NULL CHECK (state IN ('running', 'finished', 'reset'))
        );
        CREATE INDEX campaign_runs_by_campaign ON campaign_runs(campaign, state);

        CREATE TABLE campaign_splits(
            run_id                     INTEGER NOT NULL REFERENCES campaign_runs(id),
            segment                    INTEGER NOT NULL CHECK (segment >= 0),
            name                       TEXT    NOT NULL,
            level_id                   TEXT    NOT NULL,
            cycles                     INTEGER NOT NULL,
            real_ms                    INTEGER NOT NULL,
            load_removed_ms            INTEGER NOT NULL,
            cumulative_cycles          INTEGER NOT NULL,
            cumulative_real_ms         INTEGER NOT NULL,
            cumulative_load_removed_ms INTEGER NOT NULL,
            attempt_id                 INTEGER REFERENCES attempts(id),
            PRIMARY KEY (run_id, segment)
        ) WITHOUT ROWID;
        """,

        // Version 2: the game records every finished attempt, lost ones too (issue 9); only won attempts are
        // personal bests. `timed` is 0 for a result that has no wall-clock figures (vmquest verify --record
        // re-simulates a replay: its real and load-removed times are unknown, stored as 0 and never a best time).
        // Attempts recorded under version 1 were all timed wins.
        """
        ALTER TABLE attempts ADD COLUMN won INTEGER NOT NULL DEFAULT 1 CHECK (won IN (0, 1));
        ALTER TABLE attempts ADD COLUMN timed INTEGER NOT NULL DEFAULT 1 CHECK (timed IN (0, 1));
        """,
    ];

    /// <summary>
    /// Brings the database up to <see cref="CurrentVersion"/>, one transaction per step. The version is read again
    /// under the write lock, so two VmQuests that make the file at the same moment do not both run a step.
    /// </summary>
    public static void Migrate(SqliteConnection connection) => Migrate(connection, CurrentVersion);

    /// <summary>Brings the database up to <paramref name="target"/> (≤ <see cref="CurrentVersion"/>; tests make old files with it).</summary>
    internal static void Migrate(SqliteConnection connection, int target)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(target, CurrentVersion);
        while (Version(connection, null) < target)
        {
            // BeginTransaction is BEGIN IMMEDIATE: the write lock is taken before the version is read again.
            using var transaction = connection.BeginTransaction();
            int version = Version(connection, transaction);
            if (version >= target)
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[version]
                + $"\nPRAGMA application_id = {ApplicationId};\nPRAGMA user_version = {version + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static int Version(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
