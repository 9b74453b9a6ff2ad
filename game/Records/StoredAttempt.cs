namespace VmQuest.Records;

/// <summary>An attempt as read back from the records: its row id (increasing in the order attempts were added) and what was recorded.</summary>
/// <param name="Id">The attempt's id in the database; later attempts have larger ids.</param>
/// <param name="Attempt">What was recorded. Its <see cref="AttemptRecord.Replay"/> is null here; read it with <see cref="RecordsStore.Replay"/>.</param>
/// <param name="HasReplay">True when a replay is stored for the attempt.</param>
public sealed record StoredAttempt(long Id, AttemptRecord Attempt, bool HasReplay);
