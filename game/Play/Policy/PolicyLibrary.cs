namespace VmQuest.Play.Policy;

/// <summary>
/// The classic replacement policies written in the rule language — the ones docs/mechanics/policy.md shows. FIFO
/// and Clock fault exactly as the kernel's own <c>fifo</c> and <c>clock</c> do on every trace (tests check it).
/// </summary>
public static class PolicyLibrary
{
    /// <summary>First in, first out: evict the page loaded longest ago.</summary>
    public const string Fifo = """
        # FIFO: the oldest page leaves, however much it is used.
        on evict scan loaded: evict
        """;

    /// <summary>Clock (second chance): the oldest page leaves unless used since the hand last passed; a used page loses its bit and goes to the back.</summary>
    public const string Clock = """
        # Clock (second chance): 'hand' is each page's place on the circle.
        on load: hand = stamp
        on evict scan hand:
          if accessed: clear accessed; hand = stamp; skip
          evict
        """;

    /// <summary>Aging: every 4 references each page's 8-bit age shifts right with the accessed bit entering at the top; the page with the smallest age (used least lately) leaves.</summary>
    public const string Aging = """
        # Aging: an 8-bit history of the accessed bit per page, sampled every 4 references.
        on load: age = 128
        on tick 4:
          age = age / 2 + accessed * 128
          clear accessed
        on evict scan accessed * 256 + age: evict
        """;

    /// <summary>The kernel's built-in policy <paramref name="name"/> in the rule language, or null when it cannot be written (LRU needs every access; OPT the future).</summary>
    public static string? Of(string name) => name switch
    {
        "fifo" => Fifo,
        "clock" => Clock,
        _ => null,
    };

    /// <summary>Every program of the library by name, in the order the docs show them.</summary>
    public static IReadOnlyList<(string Name, string Text)> All { get; } = [("fifo", Fifo), ("clock", Clock), ("aging", Aging)];
}
