using VmQuest.Play;
using VmQuest.Play.Policy;
using VmQuest.Replays;

namespace VmQuest.Tests.Game.Play.Policy;

/// <summary>The verifier on the policy level: it draws fresh hidden seeds, and says which hidden test failed.</summary>
public class PolicyVerifierTests
{
    private static ReplayFile Solution() => ReplayReader.Read(Path.Combine(ShippedLevels.Directory, "policy", "aging.solution.vmqr"));

    [Fact]
    public void Verify_ShippedSolution_CarriesThePolicyAsBase64UrlWordsAndVerifies()
    {
        var replay = Solution();

        var action = Assert.Single(replay.Actions);
        Assert.Equal("policy", action.Kind);
        Assert.Equal(PolicyLibrary.Aging, PolicyText.TryDecode(action.Arguments, out _));
        Assert.True(ReplayVerifier.Verify(replay, PolicyLevels.Aging()).Verified);
    }

    [Fact]
    public void Verify_ChangedClaim_IsRejected()
    {
        var replay = Solution();
        replay = replay with { Claims = [.. replay.Claims.Select(c => c.Name == "policy-size" ? c with { Value = 5 } : c)] };

        Assert.Equal("claimed metrics differ: policy-size claimed 5, verified 31", ReplayVerifier.Verify(replay, PolicyLevels.Aging()).Reason);
    }

    [Fact]
    public void Verify_PolicyThatDoesNotCompile_IsAnIllegalActionAtTickZero()
    {
        var replay = Solution();
        replay = replay with { Actions = [replay.Actions[0] with { Arguments = PolicyText.Encode("on evict scan: evict") }] };

        Assert.Equal("illegal action at tick 0 (policy): the policy does not compile: 1:14: expected a value: a number, a field such as 'accessed', a register or '(', found \":\"",
            ReplayVerifier.Verify(replay, PolicyLevels.Aging()).Reason);
    }

    [Fact]
    public void Verify_PolicyThatFailsTheHiddenTests_SaysWhichAndItsSeed()
    {
        // A run of the worse policy, claimed honestly: only the hidden tests, seeded at verify time, can reject it.
        var session = PolicyPlayers.Play(PolicyLevels.Aging(), 0, "on evict scan page: evict\n", new FixedHiddenTestSeeds(1));
        var level = PolicyLevels.Aging();
        var replay = Solution() with
        {
            Actions = [.. session.AppliedActions],
            Checkpoints = [.. session.Checkpoints],
            Claims = session.Metrics(),
        };

        var result = ReplayVerifier.Verify(replay, level);

        Assert.False(result.Verified);
        Assert.Matches(@"^the goals do not hold at tick 400: hidden test \d of 8 \(seed \d+\) failed: the policy faulted", result.Reason);
    }
}
