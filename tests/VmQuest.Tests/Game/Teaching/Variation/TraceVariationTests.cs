using System.Text;
using VmQuest.Engine.Formats.Refs;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Teaching;
using VmQuest.Tests.Game.Levels;

namespace VmQuest.Tests.Game.Teaching.Variation;

public class TraceVariationTests
{
    private static readonly string Belady = Variants.Shipped("victim/belady.yaml");
    private static readonly string Aging = Variants.Shipped("policy/aging.yaml");

    [Fact]
    public void Build_SameStudentAndSeed_SameBytes()
    {
        using var a = LevelSamples.Scratch();
        using var b = LevelSamples.Scratch();

        var first = Variants.Make(Belady, "alice", a);
        var second = Variants.Make(Belady, "alice", b);

        Assert.Equal(first.StudentText, second.StudentText);
        Assert.Equal(first.KeyText, second.KeyText);
        Assert.Equal(first.Files["belady.refs"], second.Files["belady.refs"]);
        Assert.Equal(first.Level.Hash, second.Level.Hash);
    }

    [Fact]
    public void Build_Belady_RenamesThePagesKeepingOptAndFifoAndTheBriefingQuotesTheNewString()
    {
        using var folder = LevelSamples.Scratch();
        var original = Variants.Original(Belady);
        var strings = new HashSet<string>(StringComparer.Ordinal);
        foreach (string student in new[] { "s1", "s2", "s3", "s4", "s5", "s6" })
        {
            var variant = Variants.Make(Belady, student, folder);
            var pages = ReferenceStringReader.Parse(Encoding.UTF8.GetString(variant.Files["belady.refs"]), "belady.refs");
            strings.Add(string.Join(' ', pages));

            // A renaming keeps every policy's faults: OPT still 7, FIFO (the kernel's default here) still 9.
            Assert.Equal([1UL, 2, 3, 4, 5], pages.Distinct().Order().ToArray());
            Assert.Equal(7, VictimOptimum.OptFaults(variant.Level));
            Assert.Equal(9, LevelSessions.PlayersOf(variant.Level).PlayDefault(variant.Level).Metric(MetricKind.Faults));
            Assert.Contains("touches pages " + string.Join(' ', pages) + ".", variant.Level.Briefing.En, StringComparison.Ordinal);
            Assert.Contains("依次访问页 " + string.Join(' ', pages) + "。", variant.Level.Briefing.ZhHans, StringComparison.Ordinal);
            Assert.Equal(original.Metrics.Select(m => m.Par), variant.Level.Metrics.Select(m => m.Par));
            Assert.Null(variant.Level.Solution);
        }

        Assert.True(strings.Count >= 3, "six students share at most three renamings of five pages");
    }

    [Fact]
    public void Build_Aging_EachStudentItsOwnSeedAndTheFaultsParFromItsOwnOptimum()
    {
        using var folder = LevelSamples.Scratch();
        var original = Variants.Original(Aging);
        long optimum = VictimOptimum.OptFaults(original);
        var alice = Variants.Make(Aging, "alice", folder);
        var bob = Variants.Make(Aging, "bob", folder);

        Assert.NotEqual(alice.Level.Traces[0].Seed, bob.Level.Traces[0].Seed);
        Assert.NotEqual(original.Traces[0].Seed, alice.Level.Traces[0].Seed);
        foreach (var variant in new[] { alice, bob })
        {
            long variantOptimum = VictimOptimum.OptFaults(variant.Level);
            long reference = variant.Solution.Claims.First(c => c.Name == "faults").Value;
            long expected = Math.Max(VariantPars.Scale(original.ParOf(MetricKind.Faults)!.Value, variantOptimum, optimum), reference);
            Assert.Equal(expected, variant.Level.ParOf(MetricKind.Faults));
            Assert.True(variant.Level.ParOf(MetricKind.Faults) >= variantOptimum);
            Assert.Equal(original.ParOf(MetricKind.PolicySize), variant.Level.ParOf(MetricKind.PolicySize));
            Assert.True(ReplayVerifier.Verify(variant.Solution, variant.Level).Verified);
        }
    }

    [Fact]
    public void Build_AnotherTeacherSeed_AnotherVariant()
    {
        using var folder = LevelSamples.Scratch();

        var one = Variants.Make(Aging, "alice", folder, teacherSeed: 1);
        var two = Variants.Make(Aging, "alice", folder, teacherSeed: 2);

        Assert.NotEqual(one.Level.Hash, two.Level.Hash);
        Assert.NotEqual(one.Level.Traces[0].Seed, two.Level.Traces[0].Seed);
    }
}
