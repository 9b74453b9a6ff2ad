namespace VmQuest.Records;

/// <summary>
/// A file at the records path was not a usable records database: it was moved aside (never overwritten, never
/// deleted) and a new database was made in its place. <see cref="Line"/> is the one line to report.
/// </summary>
/// <param name="File">The database path.</param>
/// <param name="Reason">What was wrong with the file, in a few words.</param>
/// <param name="MovedTo">Where the old file is now: <c>records.sqlite3.corrupt-YYYYMMDDTHHMMSSZ</c> (with <c>-2</c>, <c>-3</c>… if taken).</param>
public sealed record RecordsRecovery(string File, string Reason, string MovedTo)
{
    /// <summary>The report, <c>vmquest: FILE: not a records database (REASON); moved aside to ASIDE; starting a new one</c>.</summary>
    public string Line => $"vmquest: {File}: not a records database ({Reason}); moved aside to {MovedTo}; starting a new one";
}
