using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Machine.Description;
using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;

namespace VmQuest.Levels.Loading;

/// <summary>
/// Reads <c>kernel: { policy, tlb: { entries, ways }, pcid, swap-slots, time-slice }</c>, filling every absent
/// field with the default the simulation would use (Linux's policy here is the kernel's <c>lru</c>; TLB and PCID
/// are the machine's).
/// </summary>
internal static class KernelReader
{
    /// <summary>Most TLB entries a level may ask for (the machine reader's own limit).</summary>
    public const int MaxTlbEntries = 4096;

    /// <summary>Most swap slots a level may ask for (2^20 pages).</summary>
    public const int MaxSwapSlots = 1 << 20;

    public static LevelKernel Read(LevelNode? node, MachineDescription machine)
    {
        var defaults = new KernelOptions();
        var tlb = machine.Tlb;
        if (node is null)
        {
            return new LevelKernel(defaults.ReplacementPolicy, tlb.Entries, tlb.Ways, tlb.Pcid, defaults.SwapSlots, defaults.TimeSlice);
        }

        var map = node.Map("the kernel's options", "policy", "tlb", "pcid", "swap-slots", "time-slice");
        string policy = map.Optional("policy")?.Choice("a replacement policy", ReplacementPolicies.Names) ?? defaults.ReplacementPolicy;
        int entries = tlb.Entries;
        int ways = tlb.Ways;
        if (map.Optional("tlb") is { } tlbNode)
        {
            var t = tlbNode.Map("the TLB's shape", "entries", "ways");
            var entriesNode = t.Optional("entries");
            entries = entriesNode is null ? tlb.Entries : PowerOfTwoOrZero(entriesNode, MaxTlbEntries);
            var waysNode = t.Optional("ways");
            ways = waysNode is null ? (entriesNode is null ? tlb.Ways : Math.Max(1, Math.Min(entries, 4))) : PowerOfTwoOrZero(waysNode, MaxTlbEntries);
            if (entries > 0 && (ways < 1 || ways > entries))
            {
                throw (waysNode ?? tlbNode).Error($"expected ways from 1 to the number of entries ({entries}), found {ways}");
            }
        }

        bool pcid = map.Optional("pcid")?.Boolean() ?? tlb.Pcid;
        int swap = (int)(map.Optional("swap-slots")?.Integer(0, MaxSwapSlots) ?? defaults.SwapSlots);
        long slice = map.Optional("time-slice")?.Integer(1, 1_000_000_000) ?? defaults.TimeSlice;
        return new LevelKernel(policy, entries, ways, pcid, swap, slice);
    }

    private static int PowerOfTwoOrZero(LevelNode node, int max)
    {
        long value = node.Integer(0, max);
        return (value & (value - 1)) == 0 ? (int)value : throw node.Expected($"0 or a power of two up to {max}");
    }
}
