namespace VmQuest.Records;

/// <summary>
/// What <see cref="RecordsStore.AddAttempt"/> did, for the results screen's "new record" marks: computed in the
/// same transaction as the write, against the attempts of the same level hash recorded before it.
/// </summary>
/// <param name="Id">The new attempt's id.</param>
/// <param name="NewPersonalBests">The metrics on which this attempt is strictly better than every earlier one (all of them for a first attempt).</param>
/// <param name="OnFrontier">True when the attempt is on the level's Pareto frontier now.</param>
/// <param name="AttemptNumber">How many attempts of this level hash there are, this one included.</param>
public sealed record RecordedAttempt(long Id, IReadOnlyList<string> NewPersonalBests, bool OnFrontier, long AttemptNumber);
