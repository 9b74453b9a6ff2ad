using System.Globalization;
using System.Text.Json;
using VmQuest.Engine.Kernel;

namespace VmQuest.Cli;

/// <summary>
/// What <c>run</c> adds under the <c>linux</c> policy: the zone's watermarks and reclaim's counters by their
/// <c>/proc/vmstat</c> names. Nothing under the textbook policies, whose output stays as it was.
/// </summary>
internal static class VmStatOutput
{
    private static bool Shown(KernelCore kernel) => kernel.PolicyName == "linux";

    /// <summary>Two lines: the watermarks, then <c>vmstat name value, …</c>.</summary>
    public static void WriteText(TextWriter output, KernelCore kernel)
    {
        if (!Shown(kernel))
        {
            return;
        }

        var w = kernel.Watermarks;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"watermarks min {w.Min}, low {w.Low}, high {w.High} pages of {w.ManagedPages} (min_free_kbytes {w.MinFreeKbytes}){(kernel.WatermarkReclaim ? "" : "; too small a zone for them: reclaim only when memory is full")}"));
        output.WriteLine("vmstat " + string.Join(", ", kernel.Counters.VmStat.Named.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}"))));
    }

    /// <summary><c>"watermarks": {managedPages, minFreeKbytes, min, low, high, active}</c> and <c>"vmstat": {name: value, …}</c>.</summary>
    public static void WriteJson(Utf8JsonWriter json, KernelCore kernel)
    {
        if (!Shown(kernel))
        {
            return;
        }

        var w = kernel.Watermarks;
        json.WriteStartObject("watermarks");
        json.WriteNumber("managedPages", w.ManagedPages);
        json.WriteNumber("minFreeKbytes", w.MinFreeKbytes);
        json.WriteNumber("min", w.Min);
        json.WriteNumber("low", w.Low);
        json.WriteNumber("high", w.High);
        json.WriteBoolean("active", kernel.WatermarkReclaim);
        json.WriteEndObject();
        json.WriteStartObject("vmstat");
        foreach (var (name, value) in kernel.Counters.VmStat.Named)
        {
            json.WriteNumber(name, value);
        }

        json.WriteEndObject();
    }
}
