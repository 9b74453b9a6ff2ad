namespace VmQuest.Records;

/// <summary>A campaign (speedrun category) with runs in the records.</summary>
/// <param name="Name">The campaign's name.</param>
/// <param name="Runs">Runs begun (LiveSplit's attempt count), finished or not.</param>
/// <param name="FinishedRuns">Runs that reached the end.</param>
public sealed record CampaignSeen(string Name, long Runs, long FinishedRuns);
