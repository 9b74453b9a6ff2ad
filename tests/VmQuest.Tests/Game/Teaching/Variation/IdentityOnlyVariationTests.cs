using System.Text.Json.Nodes;
using VmQuest.Play;
using VmQuest.Tests.Game.Levels;

namespace VmQuest.Tests.Game.Teaching.Variation;

public class IdentityOnlyVariationTests
{
    [Theory]
    [InlineData("schedule/flush.yaml")]
    [InlineData("permissions/least-privilege.yaml")]
    [InlineData("elf-layout/greet.yaml")]
    [InlineData("fault-action/first-faults.yaml")]
    public void Build_ProgramMechanic_TheOriginalsContentAnIdAndHashOfItsOwn(string level)
    {
        using var folder = LevelSamples.Scratch();
        var original = Variants.Original(Variants.Shipped(level));

        var alice = Variants.Make(Variants.Shipped(level), "alice", folder);
        var bob = Variants.Make(Variants.Shipped(level), "bob", folder);

        Assert.Equal(WithoutId(original.CanonicalForm), WithoutId(alice.Level.CanonicalForm));
        Assert.NotEqual(alice.Level.Hash, bob.Level.Hash);
        Assert.NotEqual(original.Hash, alice.Level.Hash);
        Assert.Matches($"^{original.Id}-[0-9a-f]{{8}}$", alice.Level.Id);
        Assert.Equal(original.Metrics, alice.Level.Metrics);
        Assert.Equal(original.Optimum, alice.Level.Optimum);
        Assert.Contains("Your own copy, for alice", alice.Level.Briefing.En, StringComparison.Ordinal);
        Assert.Contains("这是你自己的副本（alice）", alice.Level.Briefing.ZhHans, StringComparison.Ordinal);
        // The key's solution verifies against alice's copy and not against bob's.
        Assert.True(ReplayVerifier.Verify(alice.Solution, alice.Level).Verified);
        Assert.False(ReplayVerifier.Verify(alice.Solution, bob.Level).Verified);
    }

    private static string WithoutId(string canonical)
    {
        var node = JsonNode.Parse(canonical)!.AsObject();
        node.Remove("id");
        return node.ToJsonString();
    }
}
