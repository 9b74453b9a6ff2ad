using Microsoft.Data.Sqlite;

namespace VmQuest.Records;

/// <summary>Sorts SQLite's result codes into what the records do about them.</summary>
internal static class SqliteFailure
{
    // Primary result codes (sqlite3.h); SqliteException.SqliteErrorCode carries the primary code.
    private const int Busy = 5, Locked = 6, Corrupt = 11, NotADatabase = 26;

    /// <summary>The file is damaged or not SQLite: move it aside and start anew.</summary>
    public static bool IsDamage(SqliteException e) => e.SqliteErrorCode is Corrupt or NotADatabase;

    /// <summary>Another connection holds the lock past the busy timeout.</summary>
    public static bool IsLocked(SqliteException e) => e.SqliteErrorCode is Busy or Locked;

    /// <summary>SQLite's own words for the failure, without the "SQLite Error N:" prefix.</summary>
    public static string Words(SqliteException e)
    {
        var message = e.Message;
        int colon = message.IndexOf(": ", StringComparison.Ordinal);
        var words = message.StartsWith("SQLite Error", StringComparison.Ordinal) && colon > 0 ? message[(colon + 2)..] : message;
        return words.Trim().Trim('\'', '.').ReplaceLineEndings(" ");
    }

    /// <summary>The refusal for a failure that is not damage: locked, or the file cannot be used.</summary>
    public static RecordsException Refuse(string file, SqliteException e) => IsLocked(e)
        ? new RecordsException(RecordsRefusal.Locked, file,
            "is locked by another running VmQuest; close it (or wait for it to finish writing) and try again", e)
        : new RecordsException(RecordsRefusal.CannotOpen, file, "cannot be used: " + Words(e), e);
}
