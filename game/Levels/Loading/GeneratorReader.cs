using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;

namespace VmQuest.Levels.Loading;

/// <summary>
/// Reads a generator: <c>{ kind, length, pages, seed, write-percent, hot-pages, hot-percent, phase-length,
/// noise-percent }</c>. A trace's generator needs its <c>seed</c>; hidden tests' generators must not have one,
/// because the verifier chooses those seeds.
/// </summary>
internal static class GeneratorReader
{
    private static readonly string[] Fields =
        ["kind", "length", "pages", "seed", "write-percent", "hot-pages", "hot-percent", "phase-length", "noise-percent"];

    public static (TraceGeneratorSpec Spec, ulong? Seed) Read(LevelNode node, bool seedAllowed)
    {
        var map = node.Map("a trace generator", Fields);
        var kind = (TraceGeneratorKind)TraceGeneratorSpec.KindNames.ToList()
            .IndexOf(map.Required("kind", "the generator's kind").Choice("a generator kind", TraceGeneratorSpec.KindNames));
        int length = (int)map.Required("length", "the number of references").Integer(1, TraceGeneratorSpec.MaxLength);
        int pages = (int)map.Required("pages", "the number of distinct pages").Integer(1, TraceGeneratorSpec.MaxPages);
        ulong? seed = null;
        if (seedAllowed)
        {
            seed = map.Required("seed", "the generator's seed").Unsigned64();
        }
        else if (map.Optional("seed") is { } stray)
        {
            throw stray.Error("hidden tests have no seed in the level: the verifier chooses them, so no file a player receives contains them");
        }

        int writes = Percent(map, "write-percent", 0);
        OnlyFor(map, kind, TraceGeneratorKind.Locality, "hot-pages", "hot-percent", "phase-length");
        OnlyFor(map, kind, TraceGeneratorKind.Looping, "noise-percent");
        int hot = (int)(map.Optional("hot-pages")?.Integer(1, pages) ?? Math.Max(1, pages / 4));
        int hotPercent = Percent(map, "hot-percent", 80);
        int phase = (int)(map.Optional("phase-length")?.Integer(0, TraceGeneratorSpec.MaxLength) ?? 0);
        int noise = Percent(map, "noise-percent", 0);
        return (new TraceGeneratorSpec(kind, length, pages, writes, hot, hotPercent, phase, noise), seed);
    }

    private static int Percent(LevelMap map, string key, int fallback) => (int)(map.Optional(key)?.Integer(0, 100) ?? fallback);

    private static void OnlyFor(LevelMap map, TraceGeneratorKind actual, TraceGeneratorKind owner, params string[] keys)
    {
        foreach (string key in keys)
        {
            if (actual != owner && map.Optional(key) is { } stray)
            {
                throw stray.Error($"only a '{TraceGeneratorSpec.KindNames[(int)owner]}' generator takes {key}; this one is '{TraceGeneratorSpec.KindNames[(int)actual]}'");
            }
        }
    }
}
