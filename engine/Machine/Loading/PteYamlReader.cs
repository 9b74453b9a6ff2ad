using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Machine.Loading;

/// <summary>Reads and validates the <c>pte:</c> section of a machine file.</summary>
internal static class PteYamlReader
{
    public static PteLayout Read(YamlMap pte, int pageShift, IReadOnlyList<LevelDescription> levels)
    {
        pte.OnlyKeys("width", "leaf", "frame", "bits");
        ulong width = pte.RequiredNumber("width");
        if (width is not (1 or 2 or 4 or 8))
        {
            throw pte.Error(pte.RequiredNode("width"), $"pte width must be 1, 2, 4 or 8 bytes, not {width}");
        }

        int widthBits = (int)width * 8;
        var leaf = pte.Text("leaf") switch
        {
            null or "huge-bit" => LeafRule.HugeBit,
            "permission-bits" => LeafRule.PermissionBits,
            var v => throw pte.Error(pte.RequiredNode("leaf"), $"leaf must be huge-bit or permission-bits, not '{v}'"),
        };
        var frame = new YamlMap(pte.RequiredNode("frame"), pte.File, "'frame' ({ shift: 12, bits: 40 })");
        frame.OnlyKeys("shift", "bits");
        ulong shift = frame.RequiredNumber("shift"), bits = frame.RequiredNumber("bits");
        if (bits == 0 || shift + bits > (ulong)widthBits)
        {
            throw frame.Error(pte.RequiredNode("frame"), $"the frame field (shift {shift}, bits {bits}) must fit in a {widthBits}-bit entry");
        }

        var map = new YamlMap(pte.RequiredNode("bits"), pte.File, "'bits' (name: bit number)");
        var flags = new Dictionary<PteBits, int>();
        int read = -1, execute = -1;
        var taken = new HashSet<int>();
        foreach (var (name, node) in map.Entries())
        {
            ulong bit = map.ParseNumber(node, name);
            if (bit >= (ulong)widthBits)
            {
                throw map.Error(node, $"bit {bit} of '{name}' does not exist in a {widthBits}-bit entry");
            }

            if (bit >= shift && bit < shift + bits)
            {
                throw map.Error(node, $"bit {bit} of '{name}' overlaps the frame field (bits {shift}..{shift + bits - 1})");
            }

            if (!taken.Add((int)bit))
            {
                throw map.Error(node, $"bit {bit} is used twice");
            }

            if (name == "read")
            {
                read = (int)bit;
            }
            else if (name == "execute")
            {
                execute = (int)bit;
            }
            else if (PteLayout.BitNames.TryGetValue(name, out var flag))
            {
                flags[flag] = (int)bit;
            }
            else
            {
                throw map.Error(node, $"unknown bit '{name}'; expected one of: {string.Join(", ", PteLayout.BitNames.Keys)}, read, execute");
            }
        }

        if (!flags.ContainsKey(PteBits.Present))
        {
            throw map.Error(pte.RequiredNode("bits"), "bits must name the 'present' (valid) bit");
        }

        if (leaf == LeafRule.HugeBit && levels.Any(l => l.HugeAllowed) && !flags.ContainsKey(PteBits.Huge))
        {
            throw map.Error(pte.RequiredNode("bits"), "a level allows huge pages, so bits must name the 'huge' bit");
        }

        if (leaf == LeafRule.PermissionBits && (read < 0 || execute < 0 || !flags.ContainsKey(PteBits.Writable)))
        {
            throw map.Error(pte.RequiredNode("bits"), "leaf: permission-bits needs 'read', 'writable' and 'execute' bits");
        }

        for (int i = 1; i < levels.Count; i++)
        {
            ulong tableBytes = width << levels[i].IndexBits;
            if (tableBytes > 1UL << pageShift)
            {
                throw pte.Error(pte.RequiredNode("width"),
                    $"a {levels[i].Name} table ({tableBytes} bytes) must fit one page ({1UL << pageShift} bytes); only the root may be larger");
            }
        }

        return new PteLayout((int)width, leaf, (int)shift, (int)bits, flags, read, execute);
    }
}
