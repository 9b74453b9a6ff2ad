namespace VmQuest.Engine.Machine.Ostep;

/// <summary>
/// A <c>paging-policy.py</c> problem read from the simulator's output (without <c>-c</c>): the replacement
/// policy, the cache size in pages and the pages accessed, in order. Guarantees: <see cref="Policy"/> is one of
/// FIFO, LRU, OPT, UNOPT, MRU (upper case); <see cref="CacheSize"/> ≥ 1. <see cref="OstepPolicyProblemReader"/>
/// is the only producer.
/// </summary>
/// <param name="Policy">The policy as the simulator names it.</param>
/// <param name="CacheSize">Pages the cache (memory) holds.</param>
/// <param name="Pages">The page references, in order.</param>
public sealed record OstepPolicyProblem(string Policy, int CacheSize, IReadOnlyList<long> Pages);
