using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace VmQuest.Records;

/// <summary>
/// The player's records: every attempt at every level, personal bests as a Pareto frontier per level, campaign
/// runs with their splits, golds and sum of best, in one SQLite file (<see cref="RecordsLocation"/>).
/// </summary>
/// <remarks>
/// Every write is one transaction (BEGIN IMMEDIATE … COMMIT, rollback journal, synchronous=FULL): when a write
/// method returns, what it wrote survives a kill or a crash; when it throws, nothing of it was written. Between
/// writes the store holds no lock, so another VmQuest may read or write the same file; one that holds the lock
/// longer than <see cref="BusyTimeout"/> makes the call throw <see cref="RecordsException"/> (Locked). Not
/// thread-safe: use one store from one thread. Dispose it to close the file.
/// </remarks>
public sealed partial class RecordsStore : IDisposable
{
    /// <summary>How long a call waits for another VmQuest's lock before refusing.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The campaign name used when none is given.</summary>
    public const string MainCampaign = "main";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private readonly SqliteConnection _connection;

    private RecordsStore(SqliteConnection connection, string path, RecordsRecovery? recovery)
    {
        _connection = connection;
        DatabasePath = path;
        Recovery = recovery;
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Set when the file found at <see cref="DatabasePath"/> was not a records database and was moved aside on
    /// open; the caller reports <see cref="RecordsRecovery.Line"/> once. Null otherwise.
    /// </summary>
    public RecordsRecovery? Recovery { get; }

    /// <summary>
    /// Opens the records in <paramref name="dataDirectory"/> (as <see cref="RecordsLocation.Resolve"/> gives it),
    /// making the directory and a new database when there are none, and bringing an older schema up to date.
    /// A file there that is not a records database is moved aside (see <see cref="Recovery"/>).
    /// </summary>
    /// <param name="dataDirectory">The data directory.</param>
    /// <param name="now">The clock for the moved-aside file's name; the system's UTC clock when null.</param>
    /// <exception cref="RecordsException">
    /// The path is not a directory or regular file, the database is locked by another VmQuest, has a newer schema,
    /// or cannot be read or written. The file is left untouched.
    /// </exception>
    public static RecordsStore Open(string dataDirectory, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var (connection, recovery) = RecordsDatabaseOpener.Open(dataDirectory, BusyTimeout, now ?? DateTimeOffset.UtcNow);
        return new RecordsStore(connection, RecordsLocation.DatabasePath(dataDirectory), recovery);
    }

    /// <summary>
    /// As <see cref="Open"/>, but only when a database file already exists: null when there is none (nothing is
    /// made), for commands that only read.
    /// </summary>
    /// <exception cref="RecordsException">As for <see cref="Open"/>.</exception>
    public static RecordsStore? OpenExisting(string dataDirectory, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        return RecordsDatabaseOpener.Exists(dataDirectory) ? Open(dataDirectory, now) : null;
    }

    /// <summary>Closes the file. Nothing is lost: every write was committed when its method returned.</summary>
    public void Dispose() => _connection.Dispose();

    /// <summary>Runs <paramref name="body"/> in one transaction that commits only if it returns.</summary>
    private T Write<T>(Func<SqliteTransaction, T> body)
    {
        try
        {
            using var transaction = _connection.BeginTransaction();
            var result = body(transaction);
            transaction.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            throw SqliteFailure.Refuse(DatabasePath, e);
        }
    }

    /// <summary>Runs a query, turning SQLite failures into <see cref="RecordsException"/>.</summary>
    private T Read<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (SqliteException e)
        {
            throw SqliteFailure.Refuse(DatabasePath, e);
        }
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Every query text is a constant of this class; values are parameters.")]
    private SqliteCommand Command(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private long Scalar(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, transaction, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
