namespace VmQuest.Records;

/// <summary>Where a campaign run stands.</summary>
public enum CampaignRunState
{
    /// <summary>Begun and not yet finished or reset: splits may still be added.</summary>
    Running,

    /// <summary>Reached the end of the campaign: it may be the personal best.</summary>
    Finished,

    /// <summary>Given up; its segments still count for golds.</summary>
    Reset,
}
