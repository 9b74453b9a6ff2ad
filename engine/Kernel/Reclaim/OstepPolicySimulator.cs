namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>The policies of OSTEP's <c>paging-policy.py</c> that VmQuest answers.</summary>
public enum OstepPolicy
{
    /// <summary>First in, first out.</summary>
    Fifo,

    /// <summary>Least recently used.</summary>
    Lru,

    /// <summary>Most recently used.</summary>
    Mru,

    /// <summary>Belady's optimal.</summary>
    Opt,

    /// <summary>The pessimal policy: evicts the page needed soonest.</summary>
    Unopt,
}

/// <summary>One access as <c>paging-policy.py -c</c> reports it.</summary>
/// <param name="Page">The page accessed.</param>
/// <param name="Hit">True on a hit.</param>
/// <param name="Victim">The page replaced, or null.</param>
/// <param name="Memory">The cache afterwards, in the simulator's list order (left to right).</param>
public sealed record OstepPolicyStep(long Page, bool Hit, long? Victim, IReadOnlyList<long> Memory);

/// <summary>
/// Answers a <c>paging-policy.py</c> problem exactly as that simulator would: memory is a list, new pages
/// join at the right, LRU and MRU move a hit page to the right, FIFO and LRU evict the leftmost, MRU the
/// rightmost. OPT evicts the page whose next use is furthest (never = furthest) and, among equals, the
/// <b>rightmost</b> one; UNOPT evicts the page needed soonest and, among equals, the <b>leftmost</b>.
/// Those tie rules decide the memory state shown, so they are kept exactly.
/// </summary>
public static class OstepPolicySimulator
{
    /// <summary>Runs <paramref name="pages"/> through a cache of <paramref name="cacheSize"/> pages.</summary>
    public static IReadOnlyList<OstepPolicyStep> Run(IReadOnlyList<long> pages, int cacheSize, OstepPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cacheSize);
        var memory = new List<long>();
        var steps = new List<OstepPolicyStep>(pages.Count);
        for (var t = 0; t < pages.Count; t++)
        {
            var page = pages[t];
            var hit = memory.Contains(page);
            long? victim = null;
            if (hit)
            {
                if (policy is OstepPolicy.Lru or OstepPolicy.Mru)
                {
                    memory.Remove(page);
                    memory.Add(page);
                }
            }
            else
            {
                if (memory.Count == cacheSize)
                {
                    var index = VictimIndex(memory, pages, t, policy);
                    victim = memory[index];
                    memory.RemoveAt(index);
                }

                memory.Add(page);
            }

            steps.Add(new OstepPolicyStep(page, hit, victim, memory.ToArray()));
        }

        return steps;
    }

    private static int VictimIndex(List<long> memory, IReadOnlyList<long> pages, int now, OstepPolicy policy)
    {
        switch (policy)
        {
            case OstepPolicy.Fifo or OstepPolicy.Lru:
                return 0;
            case OstepPolicy.Mru:
                return memory.Count - 1;
        }

        var chosen = 0;
        var chosenWhen = NextUse(pages, now, memory[0]);
        for (var i = 1; i < memory.Count; i++)
        {
            var when = NextUse(pages, now, memory[i]);
            var better = policy == OstepPolicy.Opt ? when >= chosenWhen : when < chosenWhen;
            if (better)
            {
                chosen = i;
                chosenWhen = when;
            }
        }

        return chosen;
    }

    // The index of the next reference to `page` after `now`, or the string's length if there is none.
    private static int NextUse(IReadOnlyList<long> pages, int now, long page)
    {
        for (var t = now + 1; t < pages.Count; t++)
        {
            if (pages[t] == page)
            {
                return t;
            }
        }

        return pages.Count;
    }
}
