using System.Globalization;
using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Machine.Entities;

/// <summary>
/// Proves the two representations of the mappings agree (DESIGN.md §3): every present raw leaf reachable from
/// an address space's root has exactly one PTE entity with the same page, frame, level, entry address and
/// flags (A/D excepted), every PTE entity has such a raw leaf, and every frame's map count equals the number of
/// PTE entities covering it. Run it after every tick in tests; it only reads.
/// </summary>
public static class PteEntityInvariant
{
    private static readonly QueryDescription Spaces = new QueryDescription().WithAll<AddressSpace>();
    private static readonly QueryDescription Ptes = new QueryDescription().WithAll<LeafPte>();
    private static readonly QueryDescription Frames = new QueryDescription().WithAll<PhysicalFrame>();

    /// <summary>Returns one line per disagreement; empty when the world and the raw tables agree.</summary>
    public static IReadOnlyList<string> Check(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var state = world.GetResource<MachineState>();
        var machine = state.Description;
        var problems = new List<string>();
        var spaces = new List<(Entity Owner, ulong Root)>();
        world.Query(Spaces, (Entity e, ref AddressSpace space) => spaces.Add((e, space.Root)));
        var entities = new Dictionary<(Entity, ulong), LeafPte>();
        var coverage = new Dictionary<ulong, int>();
        world.Query(Ptes, (Entity e, ref LeafPte pte) =>
        {
            entities[(pte.Owner, pte.VirtualPage)] = pte;
            ulong frames = 1UL << (machine.LevelShift(pte.Level) - machine.PageShift);
            for (ulong f = pte.Frame; f < pte.Frame + frames; f++)
            {
                coverage[f] = coverage.GetValueOrDefault(f) + 1;
            }
        });

        int raw = 0;
        foreach (var (owner, root) in spaces)
        {
            foreach (var leaf in state.Tables.EnumerateLeaves(root))
            {
                raw++;
                if (!entities.TryGetValue((owner, leaf.VirtualAddress), out var pte))
                {
                    problems.Add(Line($"raw leaf for 0x{leaf.VirtualAddress:x} in {owner.Id} has no PTE entity"));
                }
                else if (pte.Frame != leaf.Frame || pte.Level != leaf.Level || pte.EntryAddress != leaf.EntryAddress
                    || pte.Flags != (leaf.Flags & ~LeafPteSyncSystem.HardwareOwned))
                {
                    problems.Add(Line($"PTE entity for 0x{leaf.VirtualAddress:x} says frame 0x{pte.Frame:x} {pte.Flags}, raw says frame 0x{leaf.Frame:x} {leaf.Flags}"));
                }
            }
        }

        if (raw != entities.Count)
        {
            problems.Add(Line($"{entities.Count} PTE entities but {raw} raw leaves"));
        }

        world.Query(Frames, (ref PhysicalFrame frame) =>
        {
            int expected = coverage.GetValueOrDefault(frame.Number);
            if (frame.MapCount != expected)
            {
                problems.Add(Line($"frame 0x{frame.Number:x} counts {frame.MapCount} mappings, PTE entities cover it {expected} times"));
            }
        });
        return problems;
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
