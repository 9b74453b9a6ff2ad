using FsCheck;
using FsCheck.Fluent;
using VmQuest.Records;

namespace VmQuest.Tests.Game.Records;

public sealed class ParetoFrontierTests
{
    /// <summary>The definition: kept unless another dominates it, or an earlier one has exactly the same metrics.</summary>
    private static HashSet<int> BruteForce(long[][] items)
    {
        var kept = new HashSet<int>();
        for (int i = 0; i < items.Length; i++)
        {
            bool dominated = Enumerable.Range(0, items.Length).Any(j =>
                items[j].Zip(items[i]).All(p => p.First <= p.Second) && items[j].Zip(items[i]).Any(p => p.First < p.Second));
            bool laterTie = Enumerable.Range(0, i).Any(j => items[j].SequenceEqual(items[i]));
            if (!dominated && !laterTie)
            {
                kept.Add(i);
            }
        }

        return kept;
    }

    [Fact]
    public void Of_AnyResults_EqualsTheBruteForceDefinitionInLexicographicOrder()
    {
        // Small values over few metrics make ties and dominance common, which is where a frontier goes wrong.
        var results = from metrics in Gen.Choose(1, 4)
                      from count in Gen.Choose(0, 25)
                      from items in Gen.Choose(0, 4).Select(v => (long)v).ArrayOf(metrics).ArrayOf(count)
                      select items;
        var property = Prop.ForAll(results.ToArbitrary(), items =>
        {
            var indices = Enumerable.Range(0, items.Length).ToArray();
            var frontier = ParetoFrontier.Of(indices, i => items[i]);
            var lexicographic = frontier.Zip(frontier.Skip(1)).All(p =>
                items[p.First].Zip(items[p.Second]).Select(v => v.First.CompareTo(v.Second)).FirstOrDefault(c => c != 0) < 0);
            return frontier.ToHashSet().SetEquals(BruteForce(items)) && frontier.Count == frontier.Distinct().Count() && lexicographic;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Fact]
    public void Of_ExactTie_KeepsTheEarliest()
    {
        long[][] items = [[3, 5], [3, 5], [3, 5]];

        Assert.Equal([0], ParetoFrontier.Of([0, 1, 2], i => items[i]));
    }

    [Fact]
    public void Of_BetterOnOneEqualOnOthers_RemovesTheWorse()
    {
        long[][] items = [[3, 5, 1], [3, 4, 1]];

        Assert.Equal([1], ParetoFrontier.Of([0, 1], i => items[i]));
    }

    [Fact]
    public void Of_TradeOffs_KeepsEveryIncomparableResult()
    {
        long[][] items = [[9, 1], [5, 5], [1, 9], [6, 6]];

        Assert.Equal([2, 1, 0], ParetoFrontier.Of([0, 1, 2, 3], i => items[i]));
    }

    [Fact]
    public void Of_DifferentMetricCounts_Throws()
    {
        long[][] items = [[1, 2], [1]];

        Assert.Throws<ArgumentException>(() => ParetoFrontier.Of([0, 1], i => items[i]));
    }

    [Fact]
    public void Dominates_EqualVectors_IsFalse()
    {
        Assert.False(ParetoFrontier.Dominates([1, 2], [1, 2]));
        Assert.True(ParetoFrontier.Dominates([1, 1], [1, 2]));
        Assert.False(ParetoFrontier.Dominates([0, 3], [1, 2]));
    }
}
