namespace VmQuest.Progress;

/// <summary>
/// One metric of a finished attempt as the results screen shows it: the value as a bar against the par, the
/// personal best before this attempt and the optimum, with the ratio to the optimum. Lower is better for all.
/// </summary>
/// <param name="Name">The metric's name (<c>faults</c>, <c>cycles</c>, …).</param>
/// <param name="Value">This attempt's value.</param>
/// <param name="Par">The level's par.</param>
/// <param name="PersonalBest">The best value recorded before this attempt (same level version), or null for a first attempt.</param>
/// <param name="Optimum">The optimum where the level states one (computed or a documented bound), else null.</param>
/// <param name="IsNewRecord">True when this value is better than every earlier attempt's (or the first one recorded).</param>
public sealed record MetricResult(string Name, long Value, long Par, long? PersonalBest, long? Optimum, bool IsNewRecord)
{
    /// <summary>Whether the value meets the par (≤).</summary>
    public bool MeetsPar => Value <= Par;

    /// <summary>The value divided by the optimum (1 is optimal), or null when there is no optimum or it is 0.</summary>
    public double? RatioToOptimum => Optimum is > 0 ? (double)Value / Optimum.Value : null;
}
