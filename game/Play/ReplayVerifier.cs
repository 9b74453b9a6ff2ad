using System.Globalization;
using VmQuest.Levels.Model;
using VmQuest.Replays;
using VmQuest.Rules;

namespace VmQuest.Play;

/// <summary>
/// Re-simulates a replay of a level headlessly and says whether it earns its claims. Checked in this
/// order, the first failure being the reason: the rules version; the level's id, version and hash; every action
/// (legal at its tick); every state checkpoint (equal, tick by tick); the goals; every claimed metric.
/// </summary>
public static class ReplayVerifier
{
    /// <summary>Verifies <paramref name="replay"/> against <paramref name="level"/>.</summary>
    public static VerifyResult Verify(ReplayFile replay, Level level)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(level);
        if (replay.RulesVersion != RulesVersion.Current)
        {
            return VerifyResult.Rejected(Invariant(
                $"made under rules version {replay.RulesVersion}; this VmQuest simulates rules version {RulesVersion.Current}, whose results differ"));
        }

        if (replay.LevelId != level.Id)
        {
            return VerifyResult.Rejected($"made for level '{replay.LevelId}', not '{level.Id}'");
        }

        var levelHash = "sha256:" + level.Hash;
        if (replay.LevelVersion != level.Version || replay.LevelHash != levelHash)
        {
            return VerifyResult.Rejected(Invariant(
                $"made for another version of level '{level.Id}' (replay: version {replay.LevelVersion}, {Short(replay.LevelHash)}; level: version {level.Version}, {Short(levelHash)})"));
        }

        var session = LevelSessions.Create(level, replay.Seed, replay.HashInterval);
        var checkpoints = new CheckpointMatcher(replay, session);
        foreach (var action in replay.Actions)
        {
            var why = session.Apply(action);
            if (checkpoints.Next(atEnd: false) is { } diverged)
            {
                return VerifyResult.Rejected(diverged);
            }

            if (why is not null)
            {
                return VerifyResult.Rejected(Invariant($"illegal action at tick {action.Tick} ({action.Kind}): {why}"));
            }
        }

        session.Run();
        if (checkpoints.Next(atEnd: true) is { } divergedAtEnd)
        {
            return VerifyResult.Rejected(divergedAtEnd);
        }

        var metrics = session.Metrics();
        if (session.IsWaiting)
        {
            return VerifyResult.Rejected(Invariant($"incomplete: the kernel waits for a decision at tick {session.Tick} and the replay has no more actions"), metrics);
        }

        if (session.Failure is { } failure)
        {
            return VerifyResult.Rejected(Invariant($"the goals do not hold at tick {session.Tick}: {failure}"), metrics);
        }

        foreach (var metric in metrics)
        {
            var claim = replay.Claims.FirstOrDefault(c => c.Name == metric.Name);
            if (claim.Name is null)
            {
                return VerifyResult.Rejected($"claims no value for '{metric.Name}', which the level measures", metrics);
            }

            if (claim.Value != metric.Value)
            {
                return VerifyResult.Rejected(Invariant($"claimed metrics differ: {metric.Name} claimed {claim.Value}, verified {metric.Value}"), metrics);
            }
        }

        if (replay.Claims.FirstOrDefault(c => metrics.All(m => m.Name != c.Name)) is { Name: { } extra })
        {
            return VerifyResult.Rejected($"claims '{extra}', which level '{level.Id}' does not measure", metrics);
        }

        return new VerifyResult(true, metrics, null);
    }

    // Compares the run's checkpoints with the replay's as the run goes: both are in tick order, so each pair is
    // looked at once. The first that disagrees, or that only one side has, is the reason.
    private sealed class CheckpointMatcher(ReplayFile replay, LevelSession session)
    {
        private int _compared;

        public string? Next(bool atEnd)
        {
            var computed = session.Checkpoints;
            var recorded = replay.Checkpoints;
            for (; _compared < computed.Count; _compared++)
            {
                var mine = computed[_compared];
                if (_compared >= recorded.Count || recorded[_compared].Tick != mine.Tick)
                {
                    return Invariant($"diverged at tick {mine.Tick}: the replay has no state hash there (one is due every {replay.HashInterval} ticks)");
                }

                if (recorded[_compared].Hash != mine.Hash)
                {
                    return Invariant($"diverged at tick {mine.Tick}: the state hash is {mine.Hash}, the replay says {recorded[_compared].Hash}");
                }
            }

            return atEnd && recorded.Count > computed.Count
                ? Invariant($"diverged at tick {recorded[computed.Count].Tick}: the replay has a state hash there, but the run ended at tick {session.Tick}")
                : null;
        }
    }

    private static string Short(string hash) => hash.Length > 19 ? hash[..19] + "…" : hash;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
