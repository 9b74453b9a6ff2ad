using VmQuest.Replays;

namespace VmQuest.Play;

/// <summary>
/// What <see cref="ReplayVerifier"/> found. Invariant: <see cref="Reason"/> is null exactly when
/// <see cref="Verified"/>; it is one line when set.
/// </summary>
/// <param name="Verified">True when the replay re-simulated to exactly its claims.</param>
/// <param name="Metrics">The re-simulated metrics in the level's order (empty when the run could not be completed).</param>
/// <param name="Reason">Why it was rejected.</param>
public sealed record VerifyResult(bool Verified, IReadOnlyList<ClaimedMetric> Metrics, string? Reason)
{
    /// <summary>A rejection.</summary>
    public static VerifyResult Rejected(string reason, IReadOnlyList<ClaimedMetric>? metrics = null) => new(false, metrics ?? [], reason);
}
