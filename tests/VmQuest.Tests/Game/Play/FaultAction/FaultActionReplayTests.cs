using VmQuest.Play;
using VmQuest.Play.FaultAction;
using VmQuest.Replays;

namespace VmQuest.Tests.Game.Play.FaultAction;

public class FaultActionReplayTests
{
    private static ReplayFile Reference() => FaultActionPlayers.Instance.PlayReference(FaultLevels.FirstFaults()).ToReplay();

    [Fact]
    public void Verify_ReferenceRun_IsVerifiedWithItsClaims()
    {
        var replay = Reference();

        var result = ReplayVerifier.Verify(replay, FaultLevels.FirstFaults());

        Assert.True(result.Verified, result.Reason);
        Assert.Equal(replay.Claims, result.Metrics);
    }

    [Fact]
    public void Verify_RunWithMistakes_ReplaysTheMistakesToo()
    {
        var session = new FaultActionSession(FaultLevels.FirstFaults());
        session.Run();
        Assert.NotNull(session.Answer(FaultActions.SwapIn, frame: session.FrameChoices()[0]));
        while (session.IsWaiting)
        {
            Assert.Null(FaultLevels.AnswerAsHandler(session));
            session.Run();
        }

        var replay = session.ToReplay();
        var result = ReplayVerifier.Verify(replay, FaultLevels.FirstFaults());

        Assert.True(result.Verified, result.Reason);
        Assert.Contains(result.Metrics, m => m.Name == "mistakes" && m.Value == 1);
        Assert.StartsWith("mistake was=swap-in frame=", ReplayActionText(replay.Actions[0]));
    }

    [Fact]
    public void Verify_ChangedClaim_IsRejected()
    {
        var replay = Reference();
        replay = replay with { Claims = [.. replay.Claims.Select(c => c.Name == "major-faults" ? c with { Value = 3 } : c)] };

        Assert.Equal("claimed metrics differ: major-faults claimed 3, verified 4", ReplayVerifier.Verify(replay, FaultLevels.FirstFaults()).Reason);
    }

    [Fact]
    public void Verify_WrongActionForAFault_IsIllegalAndSaysWhy()
    {
        var replay = Reference();
        var actions = replay.Actions.ToList();
        actions[0] = actions[0] with { Kind = FaultActions.FileRead };

        var reason = ReplayVerifier.Verify(replay with { Actions = actions }, FaultLevels.FirstFaults()).Reason;

        Assert.StartsWith($"illegal action at tick {actions[0].Tick} (file-read): not file-read: the PTE for 0x7fffffffeec0 is empty", reason);
    }

    [Fact]
    public void Verify_OtherVictimUnderPressure_Diverges()
    {
        var replay = Reference();
        var session = new FaultActionSession(FaultLevels.FirstFaults(), replay.Seed, replay.HashInterval);
        var actions = replay.Actions.ToList();
        var index = 0;
        // Apply the reference's actions up to its first choice under pressure, then give up another page there.
        for (; ; index++)
        {
            session.Run(actions[index].Tick + 1);
            if (session.MemoryFull && session.PendingFault is { NeedsFrame: true })
            {
                break;
            }

            Assert.Null(session.Apply(actions[index]));
        }

        var chosen = actions[index].Arguments.Single(a => a.Key == "frame").Value;
        var other = session.FrameChoices().First(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture) != chosen);
        actions[index] = actions[index] with { Arguments = [.. actions[index].Arguments.Where(a => a.Key != "frame"), new("frame", other.ToString(System.Globalization.CultureInfo.InvariantCulture))] };

        var reason = ReplayVerifier.Verify(replay with { Actions = actions }, FaultLevels.FirstFaults()).Reason;

        Assert.NotNull(reason);
        Assert.True(reason.StartsWith("diverged at tick ", StringComparison.Ordinal) || reason.StartsWith("illegal action", StringComparison.Ordinal), reason);
    }

    private static string ReplayActionText(ReplayAction action) =>
        action.Kind + string.Concat(action.Arguments.Select(a => $" {a.Key}={a.Value}"));
}

public class FaultActionUndoTests
{
    [Fact]
    public void Undo_LastAnswer_PutsTheSameFaultBackAndTheSameState()
    {
        var play = new LevelPlay(FaultLevels.FirstFaults());
        play.Session.Run();
        var session = (FaultActionSession)play.Session;
        var before = VmQuest.Rules.StateHash.Of(session.Kernel);
        var pending = session.PendingFault;
        Assert.Null(play.Act(FaultActions.DemandZero, [new("frame", session.FrameChoices()[0].ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        play.Session.Run();

        Assert.True(play.Undo());

        var again = (FaultActionSession)play.Session;
        Assert.True(again.IsWaiting);
        Assert.Equal(pending, again.PendingFault);
        Assert.Equal(before, VmQuest.Rules.StateHash.Of(again.Kernel));
        Assert.Equal(0, again.Actions);
    }
}
