namespace VmQuest.Records;

/// <summary>A campaign run with its splits in order.</summary>
/// <param name="Id">The run's id; later runs have larger ids.</param>
/// <param name="Campaign">The campaign (category) name.</param>
/// <param name="RulesVersion">The rules version the run was played under.</param>
/// <param name="StartedUtc">When the timer started.</param>
/// <param name="EndedUtc">When it was finished or reset; null while running.</param>
/// <param name="State">Running, finished or reset.</param>
/// <param name="Splits">The splits, by <see cref="CampaignSplit.Index"/>.</param>
public sealed record CampaignRun(
    long Id,
    string Campaign,
    int RulesVersion,
    DateTimeOffset StartedUtc,
    DateTimeOffset? EndedUtc,
    CampaignRunState State,
    IReadOnlyList<CampaignSplit> Splits)
{
    /// <summary>The run's final times: the last split's cumulative times (zero with no split).</summary>
    public SpeedrunTimes Total => Splits.Count == 0 ? default : Splits[^1].Cumulative;
}
