using VmQuest.Engine.Randomness;

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

    /// <summary>Random: evicts <c>memory[int(random.random() * count)]</c>, drawn from the problem's seeded generator.</summary>
    Rand,

    /// <summary>
    /// The homework's CLOCK: a reference counter per page (set to 1 on first use, incremented on each later one up
    /// to <c>clockbits</c>); the "hand" is a random draw, and a drawn page with a non-zero counter loses one and is
    /// passed over.
    /// </summary>
    Clock,
}

/// <summary>One access as <c>paging-policy.py -c</c> reports it.</summary>
/// <param name="Page">The page accessed.</param>
/// <param name="Hit">True on a hit.</param>
/// <param name="Victim">The page replaced, or null.</param>
/// <param name="Memory">The cache afterwards, in the simulator's list order (left to right).</param>
public sealed record OstepPolicyStep(long Page, bool Hit, long? Victim, IReadOnlyList<long> Memory)
{
    /// <summary>RAND and CLOCK: the memory indices the generator drew for this access (<c>int(random() * count)</c>), in order.</summary>
    public IReadOnlyList<int> Draws { get; init; } = [];

    /// <summary>CLOCK: each page's reference counter after the access, in <see cref="Memory"/>'s order (empty for other policies).</summary>
    public IReadOnlyList<int> Counters { get; init; } = [];
}

/// <summary>
/// Answers a <c>paging-policy.py</c> problem exactly as that simulator would: memory is a list, new pages
/// join at the right, LRU and MRU move a hit page to the right, FIFO and LRU evict the leftmost, MRU the
/// rightmost. OPT evicts the page whose next use is furthest (never = furthest) and, among equals, the
/// <b>rightmost</b> one; UNOPT evicts the page needed soonest and, among equals, the <b>leftmost</b>.
/// Those tie rules decide the memory state shown, so they are kept exactly. RAND and CLOCK draw from
/// <see cref="PythonRandom"/> in the order the homework does, so the same seed (after the same earlier draws)
/// gives the same victims.
/// </summary>
public static class OstepPolicySimulator
{
    /// <summary>Runs <paramref name="pages"/> through a cache of <paramref name="cacheSize"/> pages (FIFO, LRU, MRU, OPT, UNOPT).</summary>
    public static IReadOnlyList<OstepPolicyStep> Run(IReadOnlyList<long> pages, int cacheSize, OstepPolicy policy) =>
        Run(pages, cacheSize, policy, null, 2);

    /// <summary>
    /// Runs <paramref name="pages"/> through a cache of <paramref name="cacheSize"/> pages; RAND and CLOCK draw from
    /// <paramref name="random"/> (required for them), CLOCK's counters saturate at <paramref name="clockBits"/>.
    /// </summary>
    public static IReadOnlyList<OstepPolicyStep> Run(IReadOnlyList<long> pages, int cacheSize, OstepPolicy policy, PythonRandom? random, int clockBits)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cacheSize);
        if (random is null && policy is OstepPolicy.Rand or OstepPolicy.Clock)
        {
            throw new ArgumentNullException(nameof(random), $"policy {policy} needs the problem's seeded generator");
        }

        var memory = new List<long>();
        var references = new Dictionary<long, int>();
        var steps = new List<OstepPolicyStep>(pages.Count);
        for (var t = 0; t < pages.Count; t++)
        {
            var page = pages[t];
            var hit = memory.Contains(page);
            long? victim = null;
            var draws = new List<int>();
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
                    var index = policy switch
                    {
                        OstepPolicy.Rand => Draw(memory.Count, random!, draws),
                        OstepPolicy.Clock => ClockVictimIndex(memory, references, random!, draws),
                        _ => VictimIndex(memory, pages, t, policy),
                    };
                    victim = memory[index];
                    memory.RemoveAt(index);
                }

                memory.Add(page);
            }

            // After the miss handling, every access (hit or miss) counts a reference, saturating at clockbits.
            references[page] = references.TryGetValue(page, out var count) ? Math.Min(count + 1, clockBits) : 1;
            steps.Add(new OstepPolicyStep(page, hit, victim, memory.ToArray())
            {
                Draws = draws,
                Counters = policy == OstepPolicy.Clock ? memory.Select(p => references[p]).ToArray() : [],
            });
        }

        return steps;
    }

    // paging-policy.py's CLOCK: draw memory[int(random() * count)] until a page whose counter is 0; each page drawn
    // with a non-zero counter loses one. The victim's counter is dropped with it.
    private static int ClockVictimIndex(List<long> memory, Dictionary<long, int> references, PythonRandom random, List<int> draws)
    {
        while (true)
        {
            var index = Draw(memory.Count, random, draws);
            var page = memory[index];
            if (references[page] >= 1)
            {
                references[page]--;
            }
            else
            {
                references.Remove(page);
                return index;
            }
        }
    }

    // int(random.random() * count), noted for the explanation.
    private static int Draw(int count, PythonRandom random, List<int> draws)
    {
        var index = (int)PythonRandom.FloorTimes(count, random.Random53());
        draws.Add(index);
        return index;
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
