namespace VmQuest.Records.Report;

/// <summary>What <c>vmquest records</c> shows of one campaign.</summary>
/// <param name="Campaign">Name and run counts.</param>
/// <param name="PersonalBest">The real-time personal best, or null when no run has finished.</param>
/// <param name="Golds">The best segment of every segment split so far.</param>
/// <param name="SumOfBest">The sum of the personal best route's golds, or null.</param>
internal sealed record CampaignReport(CampaignSeen Campaign, CampaignRun? PersonalBest, IReadOnlyList<GoldSplit> Golds, SpeedrunTimes? SumOfBest);
