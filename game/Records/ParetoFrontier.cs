namespace VmQuest.Records;

/// <summary>
/// The Pareto frontier of results whose metrics are all "lower is better": a result stays on it unless another
/// is ≤ on every metric and &lt; on at least one (dominates it); of results with exactly equal metrics only the
/// earliest stays.
/// </summary>
public static class ParetoFrontier
{
    /// <summary>
    /// The members of <paramref name="items"/> on the frontier, in lexicographic order of their metrics.
    /// <paramref name="items"/> must be in "earliest first" order (that order breaks exact ties), and every item's
    /// metric vector must have the same length. O(n·f·m) for n items, f on the frontier, m metrics.
    /// </summary>
    public static IReadOnlyList<T> Of<T>(IReadOnlyList<T> items, Func<T, IReadOnlyList<long>> metrics)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(metrics);
        var vectors = items.Select(metrics).ToArray();
        if (vectors.Length > 0 && vectors.Any(v => v.Count != vectors[0].Count))
        {
            throw new ArgumentException("every item must have the same number of metrics", nameof(metrics));
        }

        // In lexicographic order (earliest first among equals) a dominating or equal-and-earlier item always comes
        // before the item it removes; and whatever removes a removed item also removes everything that item would
        // remove (≤ is transitive). So each item need only be checked against the frontier kept so far.
        var order = Enumerable.Range(0, vectors.Length).ToArray();
        Array.Sort(order, (a, b) =>
        {
            int byMetrics = Lexicographic(vectors[a], vectors[b]);
            return byMetrics != 0 ? byMetrics : a.CompareTo(b);
        });
        var kept = new List<int>();
        foreach (var candidate in order)
        {
            if (!kept.Any(k => AllAtMost(vectors[k], vectors[candidate])))
            {
                kept.Add(candidate);
            }
        }

        return kept.Select(i => items[i]).ToArray();
    }

    /// <summary>True when <paramref name="a"/> is ≤ <paramref name="b"/> on every metric and &lt; on at least one.</summary>
    public static bool Dominates(IReadOnlyList<long> a, IReadOnlyList<long> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return AllAtMost(a, b) && Lexicographic(a, b) != 0;
    }

    private static bool AllAtMost(IReadOnlyList<long> a, IReadOnlyList<long> b)
    {
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] > b[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int Lexicographic(IReadOnlyList<long> a, IReadOnlyList<long> b)
    {
        for (int i = 0; i < a.Count; i++)
        {
            int c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }
}
