using VmQuest.Play;
using VmQuest.Replays;

namespace VmQuest.Tests.Game.Play.Permissions;

/// <summary>The verifier on the permissions level's shipped solution: it holds, and each tampering is caught.</summary>
public class PermissionsVerifyTests
{
    private static ReplayFile Solution() =>
        ReplayReader.Read(Path.Combine(ShippedLevels.Directory, "permissions", "least-privilege.solution.vmqr"));

    private static VerifyResult Verify(ReplayFile replay) => ReplayVerifier.Verify(replay, PermissionsLevels.LeastPrivilege());

    [Fact]
    public void Verify_ShippedSolution_IsVerified()
    {
        var result = Verify(Solution());

        Assert.True(result.Verified, result.Reason);
    }

    [Fact]
    public void Verify_ChangedClaim_IsRejected()
    {
        var replay = Solution();
        replay = replay with { Claims = [.. replay.Claims.Select(c => c.Name == "actions" ? c with { Value = 4 } : c)] };

        Assert.Equal("claimed metrics differ: actions claimed 4, verified 5", Verify(replay).Reason);
    }

    [Fact]
    public void Verify_GrantOfMoreThanAsked_IsAnIllegalAction()
    {
        var replay = Solution();
        var actions = replay.Actions.ToList();
        actions[1] = actions[1] with { Arguments = [new("perms", "rwx")] };

        var reason = Verify(replay with { Actions = actions }).Reason;

        Assert.StartsWith($"illegal action at tick {actions[1].Tick} (grant): server asked for rw-: the kernel never grants more", reason);
    }

    [Fact]
    public void Verify_ViewerGrantedWrite_FailsItsGoal()
    {
        var replay = Solution();
        var actions = replay.Actions.ToList();
        actions[^1] = actions[^1] with { Arguments = [new("perms", "rw-")] };

        // The replay's own checkpoints of that play, so the verifier gets past them to the goals.
        var session = LevelSessions.Create(PermissionsLevels.LeastPrivilege());
        actions.ForEach(a => Assert.Null(session.Apply(a)));
        session.Run();

        var reason = Verify(replay with { Actions = actions, Checkpoints = [.. session.Checkpoints] }).Reason;

        Assert.StartsWith("the goals do not hold at tick", reason);
        Assert.Contains("viewer's line 5 (write 0x", reason);
    }
}
