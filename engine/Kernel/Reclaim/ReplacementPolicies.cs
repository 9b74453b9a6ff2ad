using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel.Reclaim.Linux;

namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>Builds the built-in replacement policies by the names the command line and levels use.</summary>
public static class ReplacementPolicies
{
    /// <summary>The names accepted by <see cref="Create"/>, in the order help text lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fifo", "lru", "clock", "random", "opt", "mru", "linux"];

    /// <summary>
    /// Creates the policy called <paramref name="name"/> for <paramref name="capacity"/> frames. Random draws
    /// from <paramref name="random"/>; OPT asks <paramref name="future"/> (required for it); <c>linux</c> made here
    /// runs on its own (every page anonymous, a young bit per page set by each access).
    /// </summary>
    public static IReplacementPolicy Create(string name, int capacity, DeterministicRandom random, INextUseOracle? future = null) =>
        CreateForKernel(name, capacity, random, future, null, 12, new VmStat());

    // The kernel's: linux reads the PTEs' Accessed bits through `pages` and counts into `stat`.
    internal static IReplacementPolicy CreateForKernel(string name, int capacity, DeterministicRandom random, INextUseOracle? future,
        IPageReferences? pages, int pageShift, VmStat stat)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "fifo" => new FifoPolicy(capacity),
            "lru" => new LruPolicy(capacity),
            "mru" => new LruPolicy(capacity, mostRecent: true),
            "clock" => new ClockPolicy(capacity),
            "random" => new RandomPolicy(capacity, random),
            "linux" => new LinuxLruPolicy(capacity, pageShift, pages, stat),
            "opt" => new OptimalPolicy(capacity, future ?? throw new ArgumentException("OPT needs to know the future references.", nameof(future))),
            _ => throw new ArgumentException($"unknown policy '{name}'; expected one of {string.Join(", ", Names)}", nameof(name)),
        };
    }
}
