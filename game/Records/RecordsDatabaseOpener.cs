using System.Globalization;
using Microsoft.Data.Sqlite;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Records;

/// <summary>
/// Opens the records database and decides what to do with what is at its path: a regular file that is a records
/// database of this or an older schema is used (and migrated); one that is not SQLite, is another program's, or
/// fails <c>PRAGMA integrity_check</c> is moved aside and replaced by a new one; a directory, FIFO or device, a
/// locked database or one of a newer schema is refused with the file untouched.
/// </summary>
internal static class RecordsDatabaseOpener
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>Opens (creating if need be) the database in <paramref name="dataDirectory"/>.</summary>
    /// <exception cref="RecordsException">The records were refused; nothing was changed.</exception>
    public static (SqliteConnection Connection, RecordsRecovery? Recovery) Open(string dataDirectory, TimeSpan busyTimeout, DateTimeOffset now)
    {
        EnsureDirectory(dataDirectory);
        var path = RecordsLocation.DatabasePath(dataDirectory);
        RecordsRecovery? recovery = null;
        if (IsRegularFile(path) && HeaderProblem(path) is { } headerProblem)
        {
            recovery = MoveAside(path, headerProblem, now);
        }

        var connection = Connect(path, busyTimeout);
        try
        {
            var problem = Inspect(connection, path);
            if (problem is not null)
            {
                connection.Dispose();
                recovery = MoveAside(path, problem, now);
                connection = Connect(path, busyTimeout);
                Inspect(connection, path);
            }

            Configure(connection, path);
            return (connection, recovery);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>True when a database file exists at <paramref name="path"/>; refuses what is not a regular file.</summary>
    public static bool IsRegularFile(string path)
    {
        var (kind, _, errno) = FileStatus.OfPath(path);
        return kind switch
        {
            InputFileKind.Regular => true,
            InputFileKind.Missing => false,
            InputFileKind.Unknown => throw new RecordsException(RecordsRefusal.CannotOpen, path, "cannot be used: " + FileStatus.Describe(errno)),
            _ => throw new RecordsException(RecordsRefusal.NotAFile, path, $"is {kind.Noun()}; expected the records database (a regular file)"),
        };
    }

    /// <summary>
    /// True when the records database exists in <paramref name="dataDirectory"/>; makes nothing. Refuses a data
    /// directory or database path that names something else.
    /// </summary>
    public static bool Exists(string dataDirectory) =>
        CheckDirectory(dataDirectory, create: false) && IsRegularFile(RecordsLocation.DatabasePath(dataDirectory));

    private static void EnsureDirectory(string directory) => CheckDirectory(directory, create: true);

    /// <summary>True when the directory exists (or was made).</summary>
    private static bool CheckDirectory(string directory, bool create)
    {
        var (kind, _, errno) = FileStatus.OfPath(directory);
        switch (kind)
        {
            case InputFileKind.Directory:
                return true;
            case InputFileKind.Missing when !create && errno == 2 /* ENOENT; ENOTDIR: a part is a file */:
                return false;
            case InputFileKind.Missing when errno == 2:
                try
                {
                    Directory.CreateDirectory(directory);
                    return true;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new RecordsException(RecordsRefusal.CannotOpen, directory, "cannot be made: " + e.Message, e);
                }

            case InputFileKind.Unknown or InputFileKind.Missing:
                throw new RecordsException(RecordsRefusal.CannotOpen, directory, "cannot be used: " + FileStatus.Describe(errno));
            default:
                throw new RecordsException(RecordsRefusal.NotAFile, directory, $"is {kind.Noun()}; expected a directory for the records");
        }
    }


    /// <summary>Why the file's first bytes are not an SQLite header, or null when they are (or the file is empty, which SQLite takes as a new database).</summary>
    private static string? HeaderProblem(string path)
    {
        var header = new byte[SqliteHeader.Length];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordsException(RecordsRefusal.CannotOpen, path, "cannot be read: " + e.Message, e);
        }

        if (read == 0)
        {
            return null;
        }

        return read < header.Length
            ? string.Create(CultureInfo.InvariantCulture, $"{read} bytes, too short for an SQLite file")
            : header.AsSpan().SequenceEqual(SqliteHeader) ? null : "no SQLite header";
    }

    private static SqliteConnection Connect(string path, TimeSpan busyTimeout)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // A pooled connection keeps the file open after Dispose; a file being moved aside must be closed.
            Pooling = false,
            // Microsoft.Data.Sqlite retries a busy database until the command timeout (in whole seconds).
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};"));
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw SqliteFailure.Refuse(path, e);
        }
    }

    /// <summary>
    /// Reads what the file is without changing it. Returns why it is not a records database (to move it aside),
    /// or null when it is one this build can use; refuses a newer schema and a locked file.
    /// </summary>
    private static string? Inspect(SqliteConnection connection, string path)
    {
        try
        {
            long applicationId = Scalar(connection, "PRAGMA application_id;");
            long version = Scalar(connection, "PRAGMA user_version;");
            long objects = Scalar(connection, "SELECT count(*) FROM sqlite_schema;");
            if (applicationId == RecordsSchema.ApplicationId && version > RecordsSchema.CurrentVersion)
            {
                throw new RecordsException(RecordsRefusal.NewerSchema, path, string.Create(CultureInfo.InvariantCulture,
                    $"records schema version {version} is newer than this VmQuest knows ({RecordsSchema.CurrentVersion}); use a newer VmQuest (the file is left untouched)"));
            }

            bool empty = objects == 0 && version == 0;
            if (applicationId != RecordsSchema.ApplicationId && !(applicationId == 0 && empty))
            {
                return string.Create(CultureInfo.InvariantCulture, $"an SQLite database of another program: application_id 0x{applicationId:x8}, {objects} schema objects");
            }

            if (empty)
            {
                return null;
            }

            var integrity = IntegrityProblem(connection);
            return integrity is null ? null : "integrity check failed: " + integrity;
        }
        catch (SqliteException e) when (SqliteFailure.IsDamage(e))
        {
            return SqliteFailure.Words(e);
        }
        catch (SqliteException e)
        {
            throw SqliteFailure.Refuse(path, e);
        }
    }

    private static string? IntegrityProblem(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check(1);";
        var first = command.ExecuteScalar() as string;
        return first == "ok" ? null : (first ?? "no answer").ReplaceLineEndings(" ");
    }

    /// <summary>Settings every connection needs, then the schema brought up to date.</summary>
    private static void Configure(SqliteConnection connection, string path)
    {
        try
        {
            // A rollback journal, deliberately, not WAL: records are written rarely (once per finished level or
            // split), so WAL's speed buys nothing, while WAL needs shared memory that network home directories
            // (university labs: our students) do not offer, and keeps recent commits in a -wal file that a user
            // copying records.sqlite3 alone would lose. With synchronous=FULL each commit is on the disk before
            // COMMIT returns; a process killed mid-write leaves a hot journal that the next open rolls back, so
            // every committed transaction survives and no half-written one appears.
            Execute(connection, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
            RecordsSchema.Migrate(connection);
        }
        catch (SqliteException e)
        {
            throw SqliteFailure.Refuse(path, e);
        }
    }

    /// <summary>
    /// Renames the file (and any journal beside it, which belongs to it) to <c>FILE.corrupt-YYYYMMDDTHHMMSSZ</c>,
    /// adding <c>-2</c>, <c>-3</c>… rather than replacing a file already there.
    /// </summary>
    private static RecordsRecovery MoveAside(string path, string reason, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        for (int n = 1; ; n++)
        {
            var aside = $"{path}.corrupt-{stamp}" + (n == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"-{n}"));
            if (File.Exists(aside) || Directory.Exists(aside))
            {
                continue;
            }

            try
            {
                File.Move(path, aside, overwrite: false);
            }
            catch (IOException) when (File.Exists(aside) && n < 1000)
            {
                continue; // Taken between the check and the move.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RecordsException(RecordsRefusal.CannotOpen, path,
                    $"is not a records database ({reason}) and cannot be moved aside: {e.Message}", e);
            }

            foreach (var suffix in (string[])["-journal", "-wal", "-shm"])
            {
                if (File.Exists(path + suffix) && !File.Exists(aside + suffix))
                {
                    File.Move(path + suffix, aside + suffix, overwrite: false);
                }
            }

            return new RecordsRecovery(path, reason, aside);
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
