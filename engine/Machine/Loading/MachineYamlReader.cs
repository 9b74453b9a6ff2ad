using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Machine.Costs;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Tlb;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Engine.Machine.Loading;

/// <summary>
/// Reads a machine description from YAML (schema: content/machines/README.md). Validates everything a walker
/// relies on; any problem becomes one <see cref="InputFileException"/> naming the file and line.
/// </summary>
public static class MachineYamlReader
{
    private static readonly string[] TopKeys =
        ["name", "summary", "pageSize", "physicalMemory", "addressCheck", "levels", "pte", "tlb", "costs", "root", "memory", "mappings"];

    /// <summary>What a machine file is, in messages about its limits.</summary>
    private const string What = "a machine description";

    /// <summary>
    /// Reads a machine file: a regular file of at most <see cref="InputLimits.MachineFileBytes"/>, refused up front
    /// when it is a directory, FIFO or device (see <see cref="InputFile"/>).
    /// </summary>
    /// <exception cref="FormatParseException">The file cannot be read, is too large, or is not a valid machine.</exception>
    public static MachineDescription ReadFile(string path) =>
        Read(InputFile.ReadAllText(path, InputLimits.MachineFileBytes, What), path);

    /// <summary>
    /// Parses <paramref name="yaml"/>; <paramref name="file"/> is only used in error messages. YAML nesting, aliases
    /// and nodes are limited while parsing (<see cref="LimitedYamlParser"/>).
    /// </summary>
    /// <exception cref="FormatParseException">Not valid YAML, over a limit, or not a valid machine (an <see cref="InputFileException"/>).</exception>
    public static MachineDescription Read(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > InputLimits.MachineFileBytes)
        {
            throw InputFile.TooLarge(file, InputLimits.MachineFileBytes, What);
        }

        YamlStream stream = new();
        new LimitedYamlParser(yaml, file, What).Load(parser =>
        {
            stream.Load(parser);
            return stream;
        });

        if (stream.Documents.Count == 0)
        {
            throw new InputFileException(file, 1, "empty file; expected a machine description (name, pageSize, levels, pte, …)");
        }

        var top = new YamlMap(stream.Documents[0].RootNode, file, "a machine description");
        top.OnlyKeys(TopKeys);
        string name = top.RequiredText("name");
        ulong pageSize = top.Size("pageSize") ?? throw new InputFileException(file, top.Line, "missing required key 'pageSize'");
        if (pageSize < 8 || (pageSize & (pageSize - 1)) != 0)
        {
            throw top.Error(top.RequiredNode("pageSize"), $"pageSize must be a power of two of at least 8 bytes, not {pageSize}");
        }

        int pageShift = BitIndex(pageSize);
        var levels = ReadLevels(top);
        var pte = PteYamlReader.Read(new YamlMap(top.RequiredNode("pte"), file, "'pte'"), pageShift, levels);
        ulong memory = top.Size("physicalMemory") ?? throw new InputFileException(file, top.Line, "missing required key 'physicalMemory'");
        if (memory == 0 || memory % pageSize != 0)
        {
            throw top.Error(top.RequiredNode("physicalMemory"), $"physicalMemory must be a non-zero multiple of the page size ({pageSize} bytes)");
        }

        if (memory / pageSize > InputLimits.MachineFrames)
        {
            throw top.Error(top.RequiredNode("physicalMemory"), string.Create(CultureInfo.InvariantCulture,
                $"physicalMemory {top.Text("physicalMemory")} is {memory / pageSize:N0} frames of {pageSize} bytes; expected at most {InputLimits.MachineFrames:N0} frames ({InputLimits.Describe((long)Math.Min(InputLimits.MachineFrames * pageSize, long.MaxValue))} of these pages)"));
        }

        var check = top.Text("addressCheck") switch
        {
            null or "zero-extend" => AddressCheck.ZeroExtend,
            "sign-extend" => AddressCheck.SignExtend,
            var v => throw top.Error(top.RequiredNode("addressCheck"), $"addressCheck must be sign-extend or zero-extend, not '{v}'"),
        };
        int vaBits = pageShift + levels.Sum(l => l.IndexBits);
        if (vaBits > 64)
        {
            throw top.Error(top.RequiredNode("levels"), $"page offset plus index bits is {vaBits}; at most 64 bits fit a virtual address");
        }

        var tlb = ReadTlb(top);
        var costs = ReadCosts(top);
        var description = new MachineDescription(name, top.Text("summary") ?? name, pageShift, levels, check, pte, memory, tlb, costs);
        var mappingLines = new List<long>();
        var withImage = description.WithImage(MachineImageYamlReader.Read(top, description, mappingLines));
        if (mappingLines.Count > 0)
        {
            try
            {
                MachineState.Boot(withImage);                    // a trial boot, so a bad mapping is reported by line
            }
            catch (MachineBootException e)
            {
                throw new InputFileException(file, mappingLines[e.MappingIndex], $"this mapping cannot be built: {e.Reason}");
            }
        }

        return withImage;
    }

    /// <summary>Index of the single set bit of a power of two.</summary>
    internal static int BitIndex(ulong powerOfTwo) => System.Numerics.BitOperations.TrailingZeroCount(powerOfTwo);

    private static List<LevelDescription> ReadLevels(YamlMap top)
    {
        var list = top.Sequence("levels", required: true);
        if (list.Children.Count is 0 or > 6)
        {
            throw top.Error(list, $"levels must list 1 to 6 page-table levels, root first; found {list.Children.Count}");
        }

        var levels = new List<LevelDescription>();
        foreach (var node in list.Children)
        {
            var level = new YamlMap(node, top.File, "a level ({ name: PGD, bits: 9 })");
            level.OnlyKeys("name", "bits", "huge");
            ulong bits = level.RequiredNumber("bits");
            if (bits is 0 or > 20)
            {
                throw level.Error(level.RequiredNode("bits"), $"level bits must be 1 to 20, not {bits}");
            }

            bool huge = level.Bool("huge") ?? false;
            if (huge && levels.Count == list.Children.Count - 1)
            {
                throw level.Error(level.RequiredNode("huge"), "the last level always maps pages; 'huge' is only for levels above it");
            }

            levels.Add(new LevelDescription(level.RequiredText("name"), (int)bits, huge));
        }

        return levels;
    }

    private static TlbShape ReadTlb(YamlMap top)
    {
        if (top.Node("tlb") is not { } node)
        {
            return TlbShape.Default;
        }

        var tlb = new YamlMap(node, top.File, "'tlb'");
        tlb.OnlyKeys("entries", "ways", "replacement", "pcid", "seed");
        ulong entries = tlb.Number("entries") ?? (ulong)TlbShape.Default.Entries;
        ulong ways = tlb.Number("ways") ?? Math.Max(1, Math.Min(entries, 4));
        var replacement = tlb.Text("replacement") switch
        {
            null or "lru" => TlbReplacement.Lru,
            "fifo" => TlbReplacement.Fifo,
            "random" => TlbReplacement.Random,
            var v => throw tlb.Error(tlb.RequiredNode("replacement"), $"replacement must be lru, fifo or random, not '{v}'"),
        };
        if (entries > 4096 || ways > 4096)
        {
            throw tlb.Error(node, "a TLB has at most 4096 entries");
        }

        var shape = new TlbShape((int)entries, (int)ways, replacement, tlb.Bool("pcid") ?? false, tlb.Number("seed") ?? TlbShape.Default.Seed);
        return shape.Validate() is { } problem ? throw tlb.Error(node, problem) : shape;
    }

    private static CostTable ReadCosts(YamlMap top)
    {
        var costs = CostTable.Default;
        if (top.Node("costs") is not { } node)
        {
            return costs;
        }

        var map = new YamlMap(node, top.File, "'costs'");
        map.OnlyKeys([.. CostTable.Names]);
        foreach (var (key, value) in map.Entries())
        {
            ulong cycles = map.ParseNumber(value, key);
            costs = costs.With(key, checked((long)Math.Min(cycles, long.MaxValue)));
        }

        return costs;
    }

    /// <summary>Formats a number for error messages.</summary>
    internal static string Show(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
