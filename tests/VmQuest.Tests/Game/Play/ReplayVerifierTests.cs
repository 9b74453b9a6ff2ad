using VmQuest.Levels.Catalog;
using VmQuest.Play;
using VmQuest.Replays;
using VmQuest.Rules;
using VmQuest.Tests.Game.Levels;

namespace VmQuest.Tests.Game.Play;

/// <summary>Each way a replay can fail gets its own reason; the shipped solution is the starting point of each.</summary>
public class ReplayVerifierTests
{
    private static readonly string SolutionPath = Path.Combine(ShippedLevels.Directory, "victim", "belady.solution.vmqr");

    private static ReplayFile Solution() => ReplayReader.Read(SolutionPath);

    private static VerifyResult Verify(ReplayFile replay) => ReplayVerifier.Verify(replay, ShippedLevels.Belady());

    [Fact]
    public void Verify_ShippedSolution_IsVerifiedWithItsMetrics()
    {
        var result = Verify(Solution());

        Assert.True(result.Verified, result.Reason);
        Assert.Null(result.Reason);
        Assert.Equal(Solution().Claims, result.Metrics);
    }

    [Fact]
    public void Verify_ChangedClaim_NamesTheMetricClaimedAndVerified()
    {
        var replay = Solution();
        replay = replay with { Claims = [.. replay.Claims.Select(c => c.Name == "faults" ? c with { Value = 6 } : c)] };

        Assert.Equal("claimed metrics differ: faults claimed 6, verified 7", Verify(replay).Reason);
    }

    [Fact]
    public void Verify_IllegalAction_SaysTheTickAndWhy()
    {
        var replay = Solution();
        var actions = replay.Actions.ToList();
        // Frame 0 holds the root page table.
        actions[0] = actions[0] with { Arguments = [new("frame", "0")] };

        var reason = Verify(replay with { Actions = actions }).Reason;

        Assert.StartsWith("illegal action at tick 3 (victim): frame 0 holds a page table", reason);
    }

    [Fact]
    public void Verify_ActionWhereNoDecisionIsPending_IsIllegal()
    {
        var replay = Solution();
        var actions = replay.Actions.ToList();
        actions.Insert(0, actions[0] with { Tick = 1 });

        Assert.StartsWith("illegal action at tick 1 (victim): no decision is pending at tick 1", Verify(replay with { Actions = actions }).Reason);
    }

    [Fact]
    public void Verify_OtherLegalChoice_DivergesAtTheNextCheckpoint()
    {
        var replay = Solution();
        var session = new VictimSession(ShippedLevels.Belady(), replay.Seed, replay.HashInterval);
        session.Run();
        var other = session.ResidentFrames().First(f => f != OptimalVictimPlayer.Choose(session));
        var actions = replay.Actions.ToList();
        actions[0] = actions[0] with { Arguments = [new("frame", other.ToString(System.Globalization.CultureInfo.InvariantCulture))] };

        Assert.StartsWith("diverged at tick 4: the state hash is ", Verify(replay with { Actions = actions }).Reason);
    }

    [Fact]
    public void Verify_ChangedStateHash_DivergesAtThatTick()
    {
        var replay = Solution();
        var checkpoints = replay.Checkpoints.ToList();
        checkpoints[1] = checkpoints[1] with { Hash = "0123456789abcdef" };

        Assert.Equal($"diverged at tick 8: the state hash is {replay.Checkpoints[1].Hash}, the replay says 0123456789abcdef",
            Verify(replay with { Checkpoints = checkpoints }).Reason);
    }

    [Fact]
    public void Verify_OtherRulesVersion_SaysSo()
    {
        var reason = Verify(Solution() with { RulesVersion = 99 }).Reason;

        Assert.StartsWith($"made under rules version 99; this VmQuest simulates rules version {RulesVersion.Current}", reason);
    }

    [Fact]
    public void Verify_LevelWhoseContentChanged_IsAnotherVersionOfTheLevel()
    {
        using var scratch = LevelSamples.Scratch();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ShippedLevels.Directory, "victim")))
        {
            File.Copy(file, Path.Combine(scratch.Path, Path.GetFileName(file)));
        }

        // One more reference: the level's result changes, so its hash does, though its version was not bumped.
        File.AppendAllText(Path.Combine(scratch.Path, "belady.refs"), "1\n");
        var changed = LevelResolver.Resolve(Path.Combine(scratch.Path, "belady.yaml"));

        var reason = ReplayVerifier.Verify(Solution(), changed).Reason;

        Assert.StartsWith("made for another version of level 'victim-belady' (replay: version 1, sha256:", reason);
    }

    [Fact]
    public void Verify_MissingFinalActions_IsIncomplete()
    {
        var replay = Solution();
        var reason = Verify(replay with { Actions = [.. replay.Actions.Take(2)], Checkpoints = [.. replay.Checkpoints.Take(2)] }).Reason;

        Assert.Equal("incomplete: the kernel waits for a decision at tick 9 and the replay has no more actions", reason);
    }

    [Fact]
    public void Verify_TruncatedBody_IsTheReadersTruncatedLine()
    {
        var lines = File.ReadAllLines(SolutionPath);
        var text = string.Join('\n', lines.Take(lines.Length - 3)) + "\n";

        var error = Assert.Throws<ReplayReadException>(() => ReplayReader.Parse(text, "cut.vmqr"));

        Assert.Equal(ReplayProblem.Truncated, error.Problem);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Verify_SameReplayTwice_GivesTheSameResult()
    {
        Assert.Equal(Verify(Solution()).Metrics, Verify(Solution()).Metrics);
    }
}
