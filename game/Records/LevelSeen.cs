namespace VmQuest.Records;

/// <summary>A level (one id at one content hash) that has attempts in the records.</summary>
/// <param name="Id">The level's id.</param>
/// <param name="Version">The version its file declared when last seen.</param>
/// <param name="Hash">The level hash.</param>
/// <param name="FirstSeenUtc">When its first attempt was recorded.</param>
/// <param name="LastSeenUtc">When its latest attempt was recorded.</param>
/// <param name="Attempts">How many attempts of this id and hash are recorded.</param>
public sealed record LevelSeen(string Id, int Version, string Hash, DateTimeOffset FirstSeenUtc, DateTimeOffset LastSeenUtc, long Attempts);
