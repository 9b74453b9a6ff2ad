namespace VmQuest.Records;

/// <summary>Why the records could not be used. In every case the database file was left as it was.</summary>
public enum RecordsRefusal
{
    /// <summary>No data directory could be worked out (no option, no variable, no home).</summary>
    NoDataDirectory,

    /// <summary>The data directory or the database path names something else: a file, a directory, a FIFO, a device.</summary>
    NotAFile,

    /// <summary>Another running VmQuest holds the database's lock beyond the busy timeout.</summary>
    Locked,

    /// <summary>The database was written by a newer VmQuest with a schema this build does not know.</summary>
    NewerSchema,

    /// <summary>The file cannot be read or written (permissions, a read-only or full disk…).</summary>
    CannotOpen,
}
