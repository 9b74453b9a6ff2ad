using FsCheck;
using FsCheck.Fluent;
using VmQuest.Play;
using VmQuest.Replays;
using VmQuest.Rules;

namespace VmQuest.Tests.Game.Play.Translate;

/// <summary>The translate level's shipped solution verifies, and a tampered one is rejected with its reason.</summary>
public class TranslateReplayTests
{
    private static ReplayFile Solution() => ReplayReader.Read(Path.Combine(ShippedLevels.Directory, "translate", "walk.solution.vmqr"));

    private static VerifyResult Verify(ReplayFile replay) => ReplayVerifier.Verify(replay, TranslateSessionTests.Walk());

    [Fact]
    public void Verify_ShippedSolution_IsVerifiedAtTheOptimum()
    {
        var result = Verify(Solution());

        Assert.True(result.Verified, result.Reason);
        Assert.Equal(27, result.Metrics.Single(m => m.Name == "actions").Value);
    }

    [Fact]
    public void Verify_ChangedClaim_NamesTheMetric()
    {
        var replay = Solution();
        replay = replay with { Claims = [.. replay.Claims.Select(c => c.Name == "actions" ? c with { Value = 26 } : c)] };

        Assert.Equal("claimed metrics differ: actions claimed 26, verified 27", Verify(replay).Reason);
    }

    [Fact]
    public void Verify_WrongIndexInTheReplay_IsAnIllegalActionThatSaysWhy()
    {
        var replay = Solution();
        var actions = replay.Actions.ToList();
        actions[0] = actions[0] with { Arguments = [new("level", "0"), new("index", "1")] };

        var reason = Verify(replay with { Actions = actions }).Reason;

        Assert.StartsWith("illegal action at tick 0 (entry): bits 39–47 of 0x400000 are 0", reason);
    }

    [Fact]
    public void Verify_TlbAnswerWhereTheTlbHasNoEntry_IsIllegal()
    {
        var replay = Solution();
        var actions = replay.Actions.ToList();
        // Tick 2 (read 0x402000) walks; answering straight away skips a walk the MMU must make.
        var first = actions.FindIndex(a => a.Tick == 2);
        actions.RemoveAll(a => a.Tick == 2);
        actions.Insert(first, new ReplayAction(2, "physical", [new("pa", "0x5000")]));

        Assert.StartsWith("illegal action at tick 2 (physical): the TLB has no entry for page 0x402", Verify(replay with { Actions = actions }).Reason);
    }

    [Fact]
    public void Replay_SameActions_GiveTheSameStateHashesInSeparateSessions()
    {
        IReadOnlyList<StateCheckpoint> Run()
        {
            var session = LevelSessions.Create(TranslateSessionTests.Walk());
            foreach (var action in Solution().Actions)
            {
                Assert.Null(session.Apply(action));
            }

            return session.Checkpoints;
        }

        Assert.Equal(Run(), Run());
        Assert.Equal(Solution().Checkpoints, Run());
    }

    [Fact]
    public void ReadEntry_AnyWrongIndexAtAnyStepOfAnyWalk_IsRefusedAndChangesNothing()
    {
        var property = Prop.ForAll(Gen.Choose(0, 8).ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(), Gen.Choose(0, 511).ToArbitrary(), (tick, depth, index) =>
        {
            var session = TranslateSessionTests.At(tick);
            var t = session.Pending!;
            var level = Math.Min(depth, t.Steps.Count - 1);
            while (t.EntriesRead < level)
            {
                Assert.Null(session.ReadEntry(t.EntriesRead, t.Steps[t.EntriesRead].Index));
            }

            if ((ulong)index == t.Steps[level].Index)
            {
                return true;
            }

            var hash = StateHash.Of(session.Kernel);
            var why = session.ReadEntry(level, (ulong)index);
            return why is not null && session.Pending!.EntriesRead == level && StateHash.Of(session.Kernel) == hash && session.Mistakes == 1;
        });
        property.QuickCheckThrowOnFailure();
    }
}
