namespace VmQuest.Engine.Machine.Ostep;

/// <summary>
/// A <c>paging-policy.py</c> problem read from the simulator's output (without <c>-c</c>): the replacement
/// policy, the cache size in pages and the pages accessed, in order. Guarantees: <see cref="Policy"/> is one of
/// FIFO, LRU, OPT, UNOPT, MRU, RAND, CLOCK (upper case); <see cref="CacheSize"/> ≥ 1; RAND and CLOCK have a
/// <see cref="Seed"/>. <see cref="OstepPolicyProblemReader"/> is the only producer.
/// </summary>
/// <param name="Policy">The policy as the simulator names it.</param>
/// <param name="CacheSize">Pages the cache (memory) holds.</param>
/// <param name="Pages">The page references, in order.</param>
public sealed record OstepPolicyProblem(string Policy, int CacheSize, IReadOnlyList<long> Pages)
{
    /// <summary>The seed of <c>random.seed()</c> (<c>ARG seed</c> or the user's <c>--seed</c>), or null when neither gave one.</summary>
    public long? Seed { get; init; }

    /// <summary>
    /// How many <c>random.random()</c> draws the simulator made before answering: <c>numaddrs</c> when it generated the
    /// pages (<c>-a -1</c>, no <c>-f</c>), else 0. RAND and CLOCK draw after them.
    /// </summary>
    public int DrawsBeforeSolving { get; init; }

    /// <summary>CLOCK's counter limit (<c>ARG clockbits</c>, default 2).</summary>
    public int ClockBits { get; init; } = 2;
}
