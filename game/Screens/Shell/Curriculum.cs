using VmQuest.Levels.Catalog;

namespace VmQuest.Screens.Shell;

/// <summary>
/// The order the level select (and Continue) shows levels in. The shipped levels come first in teaching order: a
/// gentle first puzzle (choose the victim: four decisions on Belady's string, no background needed), then DESIGN.md
/// §7's curriculum — translating an address by hand, PTE protection, handling faults, execve's layout, context
/// switches and the TLB, and last a replacement policy of your own. Levels not listed (a teacher's own, a broken
/// file) follow in the catalogue's path order. The campaign's full curriculum replaces this list later.
/// </summary>
public static class Curriculum
{
    /// <summary>The shipped levels' ids in teaching order.</summary>
    public static IReadOnlyList<string> ShippedOrder { get; } =
    [
        "victim-belady",
        "translate-split",
        "translate-walk",
        "translate-five-levels",
        "translate-tlb-locality",
        "permissions-least-privilege",
        "fault-first-faults",
        "elf-layout-greet",
        "schedule-flush",
        "schedule-pcid",
        "policy-aging",
    ];

    /// <summary><paramref name="entries"/> in teaching order (stable: unlisted entries keep their order, after the listed ones).</summary>
    public static IReadOnlyList<LevelCatalogEntry> Order(IReadOnlyList<LevelCatalogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Select((entry, index) => (entry, index))
            .OrderBy(e => Rank(e.entry))
            .ThenBy(e => e.index)
            .Select(e => e.entry)];
    }

    private static int Rank(LevelCatalogEntry entry)
    {
        var rank = entry.Level is { } level ? ShippedOrder.ToList().IndexOf(level.Id) : -1;
        return rank < 0 ? int.MaxValue : rank;
    }
}
