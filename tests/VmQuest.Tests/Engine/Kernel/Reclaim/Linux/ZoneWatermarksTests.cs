using System.Globalization;
using VmQuest.Engine.Kernel.Reclaim.Linux;

namespace VmQuest.Tests.Engine.Kernel.Reclaim.Linux;

public class ZoneWatermarksTests
{
    // run's machine: 64 MiB. min_free_kbytes = int_sqrt(65536 × 16) = 1024; min = 256 pages; the step is
    // max(256 / 4, 16384 × 10 / 10000) = 64.
    [Fact]
    public void ForSingleZone_64MiB_MinFreeKbytes1024AndMarks256_320_384()
    {
        Assert.Equal(new ZoneWatermarks(16384, 1024, 256, 320, 384), ZoneWatermarks.ForSingleZone(16384, 4096));
    }

    // 1 GiB: min_free_kbytes 4096, min 1024; the scale factor's 262 pages beat min / 4 = 256.
    [Fact]
    public void ForSingleZone_1GiB_TheScaleFactorSetsTheStep()
    {
        Assert.Equal(new ZoneWatermarks(262144, 4096, 1024, 1286, 1548), ZoneWatermarks.ForSingleZone(262144, 4096));
    }

    [Fact]
    public void ForSingleZone_256KiB_ClampedToTheFloorOf128KiB()
    {
        Assert.Equal(new ZoneWatermarks(64, 128, 32, 40, 48), ZoneWatermarks.ForSingleZone(64, 4096));
    }

    [Fact]
    public void MinFreeKbytesFor_32TiB_ClampedTo256MiB()
    {
        Assert.Equal(262144, ZoneWatermarks.MinFreeKbytesFor(1L << 33, 4096));
    }

    [Fact]
    public void ForZone_TwoZones_EachGetsItsShareOfMin()
    {
        var small = ZoneWatermarks.ForZone(4096, 1000, 4000, 4096);
        var large = ZoneWatermarks.ForZone(4096, 3000, 4000, 4096);

        Assert.Equal((256L, 768L), (small.Min, large.Min));
        Assert.Equal(small.Min + 64, small.Low); // min / 4 beats 1000 × 10 / 10000 = 1
    }

    /// <summary>
    /// Against this machine's own zones (Linux 6.18, x86-64, THP madvise): /proc/zoneinfo's min, low and high of every
    /// populated zone (less watermark_boost, which the printed marks include) are what __setup_per_zone_wmarks gives for
    /// /proc/sys/vm/min_free_kbytes and vm.watermark_scale_factor. (With THP on, khugepaged raised min_free_kbytes above
    /// calculate_min_free_kbytes' value; the split among the zones is the formula all the same.)
    /// </summary>
    [RealKernelFact]
    public void ForZone_ThisMachinesZoneinfo_EveryZoneMatches()
    {
        var minFree = long.Parse(File.ReadAllText("/proc/sys/vm/min_free_kbytes").Trim(), CultureInfo.InvariantCulture);
        var scale = long.Parse(File.ReadAllText("/proc/sys/vm/watermark_scale_factor").Trim(), CultureInfo.InvariantCulture);
        var zones = ReadZones(File.ReadAllLines("/proc/zoneinfo"));
        var lowmem = zones.Where(z => z.Name != "Movable").Sum(z => z.Managed);

        Assert.NotEmpty(zones);
        foreach (var zone in zones.Where(z => z.Managed > 0 && z.Name != "Movable"))
        {
            var computed = ZoneWatermarks.ForZone(minFree, zone.Managed, lowmem, Environment.SystemPageSize, scale);
            Assert.Equal((zone.Name, zone.Min, zone.Low, zone.High), (zone.Name, computed.Min, computed.Low, computed.High));
        }
    }

    private sealed record Zone(string Name, long Min, long Low, long High, long Managed);

    private static List<Zone> ReadZones(string[] lines)
    {
        var zones = new List<Zone>();
        string? name = null;
        var values = new Dictionary<string, long>();
        void Flush()
        {
            if (name is not null && values.TryGetValue("managed", out var managed))
            {
                var boost = values.GetValueOrDefault("boost");
                zones.Add(new Zone(name, values["min"] - boost, values["low"] - boost, values["high"] - boost, managed));
            }
        }

        foreach (var line in lines)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 4 && words[0] == "Node" && words[2] == "zone")
            {
                Flush();
                name = words[3];
                values.Clear();
            }
            else if (words.Length == 2 && words[0] is "min" or "low" or "high" or "managed" or "boost"
                && long.TryParse(words[1], CultureInfo.InvariantCulture, out var value) && !values.ContainsKey(words[0]))
            {
                values[words[0]] = value;
            }
        }

        Flush();
        return zones;
    }
}
