using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Replays;

namespace VmQuest.Tests.Game.Play;

/// <summary>
/// Every shipped level's reference solution verifies and meets every par; a stale one (made under another rules
/// version or for another level hash) fails here. To re-record the solutions after a deliberate change, run this
/// class with VMQUEST_RECORD_SOLUTIONS=1: it writes each mechanic's reference play of each level beside it, then
/// fails so the change is looked at and committed.
/// </summary>
public class ShippedSolutionTests
{
    public static TheoryData<string> ShippedPaths() => [.. ShippedLevels.All().Select(l => l.SourcePath)];

    [Theory]
    [MemberData(nameof(ShippedPaths))]
    public void Solution_ShippedLevel_VerifiesAndMeetsEveryPar(string path)
    {
        var level = LevelResolver.Resolve(path);
        Assert.NotNull(level.Solution);
        if (Environment.GetEnvironmentVariable("VMQUEST_RECORD_SOLUTIONS") == "1")
        {
            var session = LevelSessions.PlayersOf(level).PlayReference(level);
            ReplayWriter.Write(session.ToReplay(), level.Solution!.FullPath);
            Assert.Fail($"re-recorded {level.Solution.FullPath}: review and commit it, then run again without VMQUEST_RECORD_SOLUTIONS");
        }

        var replay = ReplayReader.Read(level.Solution!.FullPath);
        var result = ReplayVerifier.Verify(replay, level);

        Assert.True(result.Verified, $"{level.Solution.RelativePath} of {level.Id} is stale or wrong: {result.Reason} (re-record with VMQUEST_RECORD_SOLUTIONS=1)");
        foreach (var metric in level.Metrics)
        {
            Assert.True(result.Metrics.Single(m => m.Name == metric.Name).Value <= metric.Par, $"{level.Id}: the solution misses the par of {metric.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(ShippedPaths))]
    public void DefaultPolicy_ShippedLevel_MissesAPar(string path)
    {
        var level = LevelResolver.Resolve(path);
        var session = LevelSessions.PlayersOf(level).PlayDefault(level);

        Assert.True(session.IsFinished, $"{level.Id}: Linux's defaults did not finish the level");
        Assert.Contains(level.Metrics, m => session.Metric(m.Kind) > m.Par);
    }

    [Theory]
    [MemberData(nameof(ShippedPaths))]
    public void Replay_ShippedSolution_GivesTheSameStateHashesOnEveryRun(string path)
    {
        var level = LevelResolver.Resolve(path);
        var replay = ReplayReader.Read(level.Solution!.FullPath);

        IReadOnlyList<StateCheckpoint> Run()
        {
            var session = LevelSessions.Create(level, replay.Seed, replay.HashInterval);
            foreach (var action in replay.Actions)
            {
                Assert.Null(session.Apply(action));
            }

            session.Run();
            return session.Checkpoints;
        }

        var first = Run();
        Assert.NotEmpty(first);
        Assert.Equal(first, Run());
        Assert.Equal(replay.Checkpoints, first);
    }
}
