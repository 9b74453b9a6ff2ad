using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Play.Translate;
using VmQuest.Rules;
using VmQuest.Teaching.Variation;
using VmQuest.Tests.Game.Levels;
using VmQuest.Tests.Game.Play.Translate;

namespace VmQuest.Tests.Game.Teaching.Variation;

public class TranslateVariationTests
{
    [Theory]
    [InlineData("translate/split.yaml")]
    [InlineData("translate/walk.yaml")]
    [InlineData("translate/five-levels.yaml")]
    [InlineData("translate/tlb-locality.yaml")]
    public void Build_TranslateLevel_OtherAddressesSameWalkShapes_ParsFromTheVariantsOptimum(string level)
    {
        using var folder = LevelSamples.Scratch();
        var original = Variants.Original(Variants.Shipped(level));
        var originalAddresses = Addresses(original);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var student in new[] { "alice", "bob", "carol", "dave" })
        {
            var variant = Variants.Make(Variants.Shipped(level), student, folder);

            Assert.Equal(TranslateVariation.Shape(original), TranslateVariation.Shape(variant.Level));
            var addresses = Addresses(variant.Level);
            Assert.NotEqual(originalAddresses, addresses);
            seen.Add(string.Join(',', addresses));
            Assert.Contains("every access of the program is", variant.Level.Briefing.En, StringComparison.Ordinal);
            Assert.Contains("程序的每次访问都向后移了", variant.Level.Briefing.ZhHans, StringComparison.Ordinal);
            // The actions par keeps the original's ratio to the optimum, here the variant's own min-actions.
            var optimum = TranslateOptimum.MinActions(variant.Level);
            var par = variant.Level.ParOf(MetricKind.Actions);
            Assert.Equal(VmQuest.Teaching.VariantPars.Scale(original.ParOf(MetricKind.Actions)!.Value, optimum, TranslateOptimum.MinActions(original)), par);
            Assert.True(ReplayVerifier.Verify(variant.Solution, variant.Level).Verified);
            Assert.All(variant.Level.Metrics, m => Assert.True(ReplayVerifier.Verify(variant.Solution, variant.Level).Metrics.Single(r => r.Name == m.Name).Value <= m.Par, m.Name));
        }

        Assert.True(seen.Count >= 3, $"four students got only {seen.Count} different address sets");
    }

    [Fact]
    public void Build_SameStudentAndSeed_SameBytes_AnotherStudentsReplayFails()
    {
        using var a = LevelSamples.Scratch();
        using var b = LevelSamples.Scratch();
        string walk = Variants.Shipped("translate/walk.yaml");

        var first = Variants.Make(walk, "alice", a);
        var again = Variants.Make(walk, "alice", b);
        var bob = Variants.Make(walk, "bob", b);

        Assert.Equal(first.StudentText, again.StudentText);
        Assert.Equal(first.KeyText, again.KeyText);
        Assert.False(ReplayVerifier.Verify(first.Solution, bob.Level).Verified);
    }

    [Fact]
    public void Vary_ShiftsEveryAccessAndPadsTheHeap_LeavesOtherLinesAlone()
    {
        var varied = TranslateVariation.Vary("malloc buf 4K\nwrite buf + 8 = 7\n  read stack - 8\nfetch text\nmprotect buf 4K read\n", 16, 8192);

        Assert.Equal("malloc assign_pad 8192\nmalloc buf 4K\nwrite (buf + 8) + 16 = 7\n  read (stack - 8) + 16\nfetch (text) + 16\nmprotect buf 4K read\n", varied);
    }

    // The virtual addresses of the level's translations, in order.
    private static List<ulong> Addresses(Level level)
    {
        var session = new TranslateSession(level);
        var addresses = new List<ulong>();
        session.Run();
        while (session.Pending is { } t)
        {
            addresses.Add(t.VirtualAddress);
            TranslateSessionTests.AnswerOptimally(session);
            session.Run();
        }

        return addresses;
    }
}
