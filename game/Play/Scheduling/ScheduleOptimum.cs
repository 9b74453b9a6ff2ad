using VmQuest.Levels.Model;

namespace VmQuest.Play.Scheduling;

/// <summary>
/// The best run-to-completion schedules of a schedule level, found by playing every order of its processes
/// (<see cref="OrderedSchedulePlayer"/>; at most <see cref="MaxProcesses"/> processes, so at most 720 plays).
/// </summary>
/// <remarks>
/// Why run-to-completion orders contain the optimum of <c>cycles</c> on a level whose processes share no memory and
/// never block: every schedule loads CR3 at least once per process (each must run, and the first load starts from no
/// process), and a run-to-completion schedule loads it exactly once per process; each process makes the same
/// accesses and faults in any schedule, and after its one CR3 load it finds the TLB as cold as it can ever be
/// (without PCID, flushed; with PCID, holding only entries of processes that have finished, which LRU evicts first),
/// so no schedule makes fewer page walks. The fewest <c>actions</c> are reached the same way: a decision is taken at
/// every scheduling point while two or more processes can run, so the fewest are taken when the process with the
/// most points runs last, alone. The levels state these values as their documented bounds, and a test recomputes them.
/// </remarks>
public static class ScheduleOptimum
{
    /// <summary>The most processes whose orders are all played.</summary>
    public const int MaxProcesses = 6;

    /// <summary>One order's result.</summary>
    /// <param name="Order">The pids in order of preference.</param>
    /// <param name="Won">Whether it won the level.</param>
    /// <param name="Cycles">Its cycles.</param>
    /// <param name="Actions">Its decisions.</param>
    /// <param name="TlbMisses">Its TLB misses.</param>
    public sealed record OrderResult(IReadOnlyList<int> Order, bool Won, long Cycles, long Actions, long TlbMisses);

    /// <summary>Every order of <paramref name="level"/>'s processes, played, in lexicographic order of pids.</summary>
    /// <exception cref="ArgumentException">The level has more than <see cref="MaxProcesses"/> processes.</exception>
    public static IReadOnlyList<OrderResult> AllOrders(Level level, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (level.Processes.Count > MaxProcesses)
        {
            throw new ArgumentException($"{level.Id} has {level.Processes.Count} processes: the orders of at most {MaxProcesses} are searched", nameof(level));
        }

        var pids = new ScheduleSession(level, seed).PidOf.Values.Order().ToList();
        var results = new List<OrderResult>();
        foreach (var order in Permutations(pids))
        {
            var session = new ScheduleSession(level, seed);
            OrderedSchedulePlayer.PlayToEnd(session, order);
            results.Add(new OrderResult(order, session.IsWon, session.Metric(MetricKind.Cycles), session.Actions, session.Metric(MetricKind.TlbMisses)));
        }

        return results;
    }

    /// <summary>The winning order with the fewest cycles, then the fewest actions, then the fewest TLB misses (the first such in pid order).</summary>
    /// <exception cref="InvalidOperationException">No order wins the level.</exception>
    public static OrderResult Best(Level level, ulong seed = 0) =>
        AllOrders(level, seed).Where(r => r.Won).OrderBy(r => r.Cycles).ThenBy(r => r.Actions).ThenBy(r => r.TlbMisses).FirstOrDefault()
        ?? throw new InvalidOperationException($"no run-to-completion order wins {level.Id}");

    private static IEnumerable<IReadOnlyList<int>> Permutations(List<int> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
