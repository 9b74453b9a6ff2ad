using System.Globalization;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Machine.Loading;

/// <summary>Reads the optional initial state of a machine file: <c>root</c>, <c>memory</c> and <c>mappings</c>.</summary>
internal static class MachineImageYamlReader
{
    /// <summary>Reads the image; <paramref name="mappingLines"/> receives the line of each mapping, in order.</summary>
    public static MachineImage? Read(YamlMap top, MachineDescription machine, List<long> mappingLines)
    {
        ulong? root = top.Number("root");
        var memory = ReadMemory(top, machine);
        var mappings = ReadMappings(top, machine, mappingLines);
        if (root is null && memory.Count == 0 && mappings.Count == 0)
        {
            return null;
        }

        if (root is { } r && (r >= machine.PhysicalMemoryBytes || r % (ulong)machine.Pte.WidthBytes != 0))
        {
            throw top.Error(top.RequiredNode("root"), $"root 0x{r:x} must be an entry-aligned physical address below 0x{machine.PhysicalMemoryBytes:x}");
        }

        return new MachineImage(root, memory, mappings);
    }

    private static List<MemoryChunk> ReadMemory(YamlMap top, MachineDescription machine)
    {
        var chunks = new List<MemoryChunk>();
        foreach (var node in top.Sequence("memory", required: false).Children)
        {
            var map = new YamlMap(node, top.File, "a memory chunk ({ address: 0x1000, bytes: \"55 48 89 e5\" })");
            map.OnlyKeys("address", "frame", "bytes");
            ulong address = map.Number("address") ?? (map.Number("frame") is { } f ? f << machine.PageShift
                : throw map.Error(node, "a memory chunk needs 'address' or 'frame'"));
            string hex = map.RequiredText("bytes");
            var bytes = ParseHex(hex) ?? throw map.Error(map.RequiredNode("bytes"), "bytes must be pairs of hex digits, optionally separated by spaces");
            if (address + (ulong)bytes.Length > machine.PhysicalMemoryBytes)
            {
                throw map.Error(node, $"chunk at 0x{address:x} runs past the end of physical memory (0x{machine.PhysicalMemoryBytes:x})");
            }

            chunks.Add(new MemoryChunk(address, bytes));
        }

        return chunks;
    }

    private static List<MappingSpec> ReadMappings(YamlMap top, MachineDescription machine, List<long> lines)
    {
        var list = new List<MappingSpec>();
        foreach (var node in top.Sequence("mappings", required: false).Children)
        {
            var map = new YamlMap(node, top.File, "a mapping ({ va: 0x400000, frame: 0x100, flags: [user] })");
            map.OnlyKeys("va", "frame", "flags", "level");
            ulong va = map.RequiredNumber("va"), frame = map.RequiredNumber("frame");
            int level = ReadLevel(map, machine);
            var flags = ReadFlags(map);
            int shift = machine.LevelShift(level);
            if ((va & ((1UL << shift) - 1)) != 0 || ((frame << machine.PageShift) & ((1UL << shift) - 1)) != 0)
            {
                throw map.Error(node, $"va 0x{va:x} and frame 0x{frame:x} must both be aligned to the {1UL << shift}-byte page of level {machine.Levels[level].Name}");
            }

            if (!PageWalker.AddressInRange(machine, va))
            {
                throw map.Error(map.RequiredNode("va"), $"va 0x{va:x} is not a valid {machine.VaBits}-bit virtual address on {machine.Name}");
            }

            if (frame + (1UL << (shift - machine.PageShift)) > machine.FrameCount)
            {
                throw map.Error(map.RequiredNode("frame"), $"frame 0x{frame:x} is beyond physical memory ({machine.FrameCount} {(machine.FrameCount == 1 ? "frame" : "frames")})");
            }

            list.Add(new MappingSpec(va, frame, flags, level));
            lines.Add(map.Line);
        }

        return list;
    }

    private static int ReadLevel(YamlMap map, MachineDescription machine)
    {
        int last = machine.Levels.Count - 1;
        if (map.Text("level") is not { } text)
        {
            return last;
        }

        for (int i = 0; i <= last; i++)
        {
            if (machine.Levels[i].Name.Equals(text, StringComparison.OrdinalIgnoreCase)
                || text == i.ToString(CultureInfo.InvariantCulture))
            {
                if (i != last && !machine.Levels[i].HugeAllowed)
                {
                    break;
                }

                return i;
            }
        }

        var allowed = machine.Levels.Where((l, i) => i == last || l.HugeAllowed).Select(l => l.Name);
        throw map.Error(map.RequiredNode("level"), $"level '{text}' cannot hold a page on {machine.Name}; expected one of: {string.Join(", ", allowed)}");
    }

    private static PteBits ReadFlags(YamlMap map)
    {
        var flags = PteBits.Present;
        if (map.Node("flags") is not { } node)
        {
            return flags;
        }

        if (node is not YamlDotNet.RepresentationModel.YamlSequenceNode seq)
        {
            throw map.Error(node, "flags must be a list like [writable, user, noExecute]");
        }

        foreach (var item in seq.Children)
        {
            string name = map.Scalar(item, "flags");
            flags |= PteLayout.BitNames.TryGetValue(name, out var flag)
                ? flag
                : throw map.Error(item, $"unknown flag '{name}'; expected one of: {string.Join(", ", PteLayout.BitNames.Keys)}");
        }

        return flags;
    }

    /// <summary>Parses hex byte pairs with optional whitespace; null when malformed.</summary>
    internal static byte[]? ParseHex(string text)
    {
        string digits = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        if (digits.Length % 2 != 0)
        {
            return null;
        }

        var bytes = new byte[digits.Length / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            if (!byte.TryParse(digits.AsSpan(2 * i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return null;
            }
        }

        return bytes;
    }
}
