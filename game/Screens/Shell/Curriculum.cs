using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;

namespace VmQuest.Screens.Shell;

/// <summary>
/// The campaign (DESIGN.md §7): its levels in teaching order, from splitting an address to "kernel for a day", and
/// the unlock map — each level's prerequisites. A level is open when every prerequisite is cleared (won at least
/// once); several are open at the start, and clearing one often opens two. A level that is not on the map (a
/// teacher's own, a broken file) is always open and follows the campaign in the catalogue's path order. An id of
/// the map that no level file has (not shipped yet, or removed from a teacher's folder) is simply left out: its own
/// prerequisites stand in for it, so nothing behind it stays locked for ever.
/// </summary>
public static class Curriculum
{
    /// <summary>The campaign's level ids in teaching order.</summary>
    public static IReadOnlyList<string> CampaignOrder { get; } =
    [
        "translate-split",
        "permissions-least-privilege",
        "fault-demand-paging",
        "translate-walk",
        "translate-five-levels",
        "translate-tlb-locality",
        "fault-layout",
        "fault-fork-cow",
        "elf-layout-greet",
        "schedule-flush",
        "schedule-pcid",
        "victim-belady",
        "policy-aging",
        "fault-swap",
        "fault-shared",
        "fault-first-faults",
        "kernel-for-a-day",
    ];

    /// <summary>The campaign's level ids in teaching order (the name the level select used before the map).</summary>
    public static IReadOnlyList<string> ShippedOrder => CampaignOrder;

    /// <summary>
    /// The unlock map: each campaign level and the levels that open it. The first three and victim-belady (the
    /// gentle puzzle that needs no background) have none: they are open from the start. Every prerequisite comes
    /// earlier in <see cref="CampaignOrder"/>, so the map has no cycle.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Prerequisites { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["translate-split"] = [],
        ["permissions-least-privilege"] = [],
        ["fault-demand-paging"] = [],
        ["translate-walk"] = ["translate-split"],
        ["translate-five-levels"] = ["translate-walk"],
        ["translate-tlb-locality"] = ["translate-walk"],
        ["fault-layout"] = ["fault-demand-paging", "permissions-least-privilege"],
        ["fault-fork-cow"] = ["fault-layout"],
        ["elf-layout-greet"] = ["fault-layout"],
        ["schedule-flush"] = ["translate-tlb-locality"],
        ["schedule-pcid"] = ["schedule-flush"],
        ["victim-belady"] = [], // the gentle puzzle that needs no background: open from the start too
        ["policy-aging"] = ["victim-belady"],
        ["fault-swap"] = ["victim-belady", "fault-layout"],
        ["fault-shared"] = ["fault-fork-cow"],
        ["fault-first-faults"] = ["fault-fork-cow", "fault-swap"],
        ["kernel-for-a-day"] = ["fault-first-faults", "fault-shared", "schedule-pcid", "policy-aging"],
    };

    /// <summary>The 1-based place of <paramref name="id"/> in the campaign, or null when it is not a campaign level.</summary>
    public static int? PositionOf(string id)
    {
        var index = CampaignOrder.ToList().IndexOf(id);
        return index < 0 ? null : index + 1;
    }

    /// <summary>
    /// The levels among <paramref name="present"/> whose clearing opens <paramref name="id"/>: its prerequisites on
    /// the map, each one missing from <paramref name="present"/> replaced by its own (so a map with unshipped levels
    /// still opens everything). Empty for a level open from the start or not on the map.
    /// </summary>
    public static IReadOnlyList<string> PrerequisitesOf(string id, IReadOnlySet<string> present)
    {
        ArgumentNullException.ThrowIfNull(present);
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Prerequisites.TryGetValue(id, out var direct) ? direct.Reverse() : []);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            if (present.Contains(next))
            {
                found.Add(next);
            }
            else
            {
                foreach (var further in Prerequisites.TryGetValue(next, out var more) ? more.Reverse() : [])
                {
                    pending.Push(further);
                }
            }
        }

        return [.. found.OrderBy(p => CampaignOrder.ToList().IndexOf(p))];
    }

    /// <summary>The prerequisites of <paramref name="id"/> among <paramref name="present"/> not yet cleared; empty when it is open.</summary>
    public static IReadOnlyList<string> LockedBy(string id, IReadOnlySet<string> present, Func<string, bool> cleared)
    {
        ArgumentNullException.ThrowIfNull(cleared);
        return [.. PrerequisitesOf(id, present).Where(p => !cleared(p))];
    }

    /// <summary>The ids of the levels that loaded among <paramref name="entries"/>.</summary>
    public static IReadOnlySet<string> PresentIds(IEnumerable<LevelCatalogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Select(e => e.Level).OfType<Level>().Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary><paramref name="entries"/> in teaching order (stable: unlisted entries keep their order, after the listed ones).</summary>
    public static IReadOnlyList<LevelCatalogEntry> Order(IReadOnlyList<LevelCatalogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Select((entry, index) => (entry, index))
            .OrderBy(e => Rank(e.entry))
            .ThenBy(e => e.index)
            .Select(e => e.entry)];
    }

    private static int Rank(LevelCatalogEntry entry) =>
        entry.Level is { } level && PositionOf(level.Id) is { } position ? position : int.MaxValue;
}
