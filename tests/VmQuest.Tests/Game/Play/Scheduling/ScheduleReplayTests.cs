using VmQuest.Play;
using VmQuest.Replays;

namespace VmQuest.Tests.Game.Play.Scheduling;

/// <summary>The verifier on a schedule level's shipped solution: it accepts it, and rejects each kind of tampering with its own reason.</summary>
public class ScheduleReplayTests
{
    private static readonly string SolutionPath = Path.Combine(ShippedLevels.Directory, "schedule", "flush.solution.vmqr");

    private static VerifyResult Verify(ReplayFile replay) => ReplayVerifier.Verify(replay, ScheduleLevels.Flush());

    [Fact]
    public void Verify_ShippedSolution_IsVerified()
    {
        var result = Verify(ReplayReader.Read(SolutionPath));

        Assert.True(result.Verified, result.Reason);
    }

    [Fact]
    public void Verify_ChangedClaim_IsRejectedNamingTheMetric()
    {
        var replay = ReplayReader.Read(SolutionPath);
        replay = replay with { Claims = [.. replay.Claims.Select(c => c.Name == "cycles" ? c with { Value = 50_000 } : c)] };

        Assert.Equal("claimed metrics differ: cycles claimed 50000, verified 58723", Verify(replay).Reason);
    }

    [Fact]
    public void Verify_ChoiceOfAnExitedProcess_IsAnIllegalActionAtItsTick()
    {
        var replay = ReplayReader.Read(SolutionPath);
        var actions = replay.Actions.ToList();
        // Action 7 comes after the sorter (pid 1) exited.
        actions[7] = actions[7] with { Arguments = [new("pid", "1")] };

        var reason = Verify(replay with { Actions = actions }).Reason;

        Assert.StartsWith("illegal action at tick 7 (run): pid 1 (sorter) has exited", reason);
    }

    [Fact]
    public void Verify_OtherLegalChoice_Diverges()
    {
        var replay = ReplayReader.Read(SolutionPath);
        var actions = replay.Actions.ToList();
        actions[1] = actions[1] with { Arguments = [new("pid", "3")] };

        Assert.StartsWith("diverged at tick 4: the state hash is ", Verify(replay with { Actions = actions }).Reason);
    }
}
