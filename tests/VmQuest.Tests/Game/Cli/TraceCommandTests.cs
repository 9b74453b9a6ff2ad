using System.Text.Json;
using VmQuest.Engine.Kernel.Reclaim;
using static VmQuest.Tests.Game.Cli.CliRunner;

namespace VmQuest.Tests.Game.Cli;

public sealed class TraceCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-trace-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement Json(string output)
    {
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    [Theory]
    [InlineData(3, 9)]
    [InlineData(4, 10)]
    public void Trace_BeladyStringFifo_MoreFramesMoreFaults(int frames, int faults)
    {
        var refs = Write("belady.refs", "1\n2\n3\n4\n1\n2\n5\n1\n2\n3\n4\n5\n");

        var (status, output, error) = Run("trace", refs, "--format", "refs", "--policy", "fifo", "--user-frames", $"{frames}", "--json");

        Assert.True(status == 0, error);
        var json = Json(output);
        Assert.Equal(faults, json.GetProperty("faults").GetInt64());
        Assert.Equal(12, json.GetProperty("references").GetInt64());
        Assert.Equal(5, json.GetProperty("pages").GetInt64());
        Assert.Equal(faults - frames, json.GetProperty("evictions").GetInt64());
    }

    [Fact]
    public void Trace_Json_HasEveryRequiredField()
    {
        var refs = Write("small.refs", "0\n1\n0\n2\n");

        var (status, output, _) = Run("trace", refs, "--format", "refs", "--json");

        Assert.Equal(0, status);
        var json = Json(output);
        foreach (var key in new[] { "accesses", "references", "pages", "faults", "evictions", "tlbHits", "tlbMisses", "pageTablePages", "cycles", "replaySeconds" })
        {
            Assert.True(json.TryGetProperty(key, out _), key);
        }

        Assert.Equal(3, json.GetProperty("faults").GetInt64());
        Assert.Equal(0, json.GetProperty("evictions").GetInt64());
        Assert.Equal(4, json.GetProperty("pageTablePages").GetInt64());
        Assert.Equal(4, json.GetProperty("tlbHits").GetInt64() + json.GetProperty("tlbMisses").GetInt64() - 3);
    }

    [Fact]
    public void Trace_LackeyPageCrossingAccess_TouchesBothPages()
    {
        var trace = Write("cross.lackey", "==1== Lackey\nI  00401000,4\n S 00402ffc,8\n L 00402ffc,8\n M 00403000,4\n==1== done\n");

        var (status, output, error) = Run("trace", trace, "--json");

        Assert.True(status == 0, error);
        var json = Json(output);
        Assert.Equal(4, json.GetProperty("accesses").GetInt64());
        Assert.Equal(6, json.GetProperty("references").GetInt64());
        Assert.Equal(3, json.GetProperty("pages").GetInt64());
        Assert.Equal(3, json.GetProperty("faults").GetInt64());
    }

    [Fact]
    public void Trace_Text_IsAReadableSummary()
    {
        var refs = Write("small.refs", "0\n1\n0\n2\n");

        var (status, output, _) = Run("trace", refs, "--format", "refs", "--user-frames", "2", "--policy", "lru");

        Assert.Equal(0, status);
        Assert.Contains("4 page references, 3 distinct pages", output, StringComparison.Ordinal);
        Assert.Contains("Policy lru, 2 user frames", output, StringComparison.Ordinal);
        Assert.Matches(@"Page faults:\s+3\b", output);
        Assert.Matches(@"Evictions:\s+1\b", output);
    }

    [Fact]
    public void Trace_TlbDisabled_NoHitsAndMoreCycles()
    {
        var refs = Write("loop.refs", string.Concat(Enumerable.Repeat("0\n1\n2\n", 50)));

        var with = Json(Run("trace", refs, "--format", "refs", "--json").Output);
        var without = Json(Run("trace", refs, "--format", "refs", "--tlb-entries", "0", "--json").Output);

        Assert.Equal(147, with.GetProperty("tlbHits").GetInt64());
        Assert.Equal(0, without.GetProperty("tlbHits").GetInt64());
        Assert.True(without.GetProperty("cycles").GetInt64() > with.GetProperty("cycles").GetInt64());
        Assert.Equal(with.GetProperty("faults").GetInt64(), without.GetProperty("faults").GetInt64());
    }

    [Fact]
    public void Trace_RandomPolicy_SameSeedSameFaults()
    {
        var refs = Write("mix.refs", string.Join('\n', Enumerable.Range(0, 400).Select(i => (i * 7 % 13).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        long Faults(string seed) => Json(Run("trace", refs, "--format", "refs", "--policy", "random", "--user-frames", "4", "--seed", seed, "--json").Output).GetProperty("faults").GetInt64();

        Assert.Equal(Faults("42"), Faults("42"));
    }

    [Fact]
    public void Trace_MalformedLackeyLine_OneLineErrorNamingFileAndLine()
    {
        var trace = Write("bad.lackey", "I  00401000,4\n L nothex,8\n");

        var (status, output, error) = Run("trace", trace);

        Assert.Equal(1, status);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("bad.lackey:2:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_MalformedReferenceString_OneLineErrorNamingFileAndLine()
    {
        var refs = Write("bad.refs", "1\n2\nthree\n");

        var (status, _, error) = Run("trace", refs, "--format", "refs");

        Assert.Equal(1, status);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("bad.refs:3:1: expected a page number", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_AddressBelowMmapMinimum_OneLineError()
    {
        var trace = Write("null.lackey", " L 00000008,8\n");

        var (status, _, error) = Run("trace", trace);

        Assert.Equal(1, status);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("null.lackey:1:1: expected an address in user space", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_UnknownPolicy_OneLineUsageError()
    {
        var refs = Write("small.refs", "0\n");

        var (status, _, error) = Run("trace", refs, "--format", "refs", "--policy", "lfu");

        Assert.Equal(2, status);
        Assert.Equal("vmquest: --policy must be one of fifo, lru, clock, random, opt, mru, linux, not 'lfu' (see 'vmquest trace --help')", error.TrimEnd());
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("lru")]
    [InlineData("clock")]
    [InlineData("opt")]
    [InlineData("mru")]
    [InlineData("random")]
    public void Trace_EngineKernel_SameFiguresAsTheDefault(string policy)
    {
        // Crossings, writes after reads, fetches, and far pages under a budget of 3 frames and an 8-entry TLB.
        var trace = Write("mixed.lackey", "I  00401000,4\n S 00402ffc,8\n L 00500000,8\n M 00402000,4\n I  00401004,4\n"
            + " L 7ff000010000,8\n S 00500008,4\n L 00403000,16\n S 00401000,8\n L 7ff000010000,8\n M 00500000,8\n");
        string[] args = ["trace", trace, "--policy", policy, "--user-frames", "3", "--tlb-entries", "8", "--json"];

        var textbook = Run(args);
        var kernel = Run([.. args, "--engine", "kernel"]);

        Assert.True(textbook.Status == 0, textbook.Error);
        Assert.True(kernel.Status == 0, kernel.Error);
        Assert.Equal(Figures(textbook.Output), Figures(kernel.Output));
        Assert.True(Json(kernel.Output).GetProperty("evictions").GetInt64() > 0);
    }

    // Every line of the JSON but the replay time.
    private static string[] Figures(string json) =>
        [.. json.Split('\n').Where(line => !line.Contains("replaySeconds", StringComparison.Ordinal) && !line.Contains("nsPerReference", StringComparison.Ordinal))];

    [Fact]
    public void Trace_UnknownEngine_OneLineUsageError()
    {
        var refs = Write("small.refs", "0\n");

        var (status, _, error) = Run("trace", refs, "--format", "refs", "--engine", "fast");

        Assert.Equal(2, status);
        Assert.Equal("vmquest: --engine must be one of auto, kernel, not 'fast' (see 'vmquest trace --help')", error.TrimEnd());
    }

    [Fact]
    public void Trace_MissingFile_OneLineError()
    {
        var (status, _, error) = Run("trace", Path.Combine(_dir, "absent.lackey"));

        Assert.Equal(1, status);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("absent.lackey", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_ZeroFrames_RejectedWithOneLine()
    {
        var refs = Write("small.refs", "0\n");

        var (status, _, error) = Run("trace", refs, "--format", "refs", "--user-frames", "0");

        Assert.Equal(1, status);
        Assert.Contains("--user-frames must be at least 1", error, StringComparison.Ordinal);
    }

    [ValgrindTheory]
    [InlineData("fifo")]
    [InlineData("lru")]
    [InlineData("opt")]
    public void Trace_RealLackeyTraceUnderPressure_FaultsMatchIndependentSimulation(string policy)
    {
        const int frames = 12;
        var pages = LackeyRecording.PageTouches(LackeyRecording.Path);
        var expected = policy == "opt" ? OptFaults(pages, frames) : OstepPolicySimulator.Run(pages, frames, policy == "fifo" ? OstepPolicy.Fifo : OstepPolicy.Lru).Count(s => !s.Hit);

        var (status, output, error) = Run("trace", LackeyRecording.Path, "--policy", policy, "--user-frames", $"{frames}", "--json");

        Assert.True(status == 0, error);
        var json = Json(output);
        Assert.Equal(pages.Count, json.GetProperty("references").GetInt64());
        Assert.Equal(pages.Distinct().Count(), json.GetProperty("pages").GetInt64());
        Assert.Equal(expected, json.GetProperty("faults").GetInt64());
        Assert.True(json.GetProperty("evictions").GetInt64() > 0, "the frame limit must force evictions");
        Assert.Equal(expected - frames, json.GetProperty("evictions").GetInt64());
    }

    [ValgrindFact]
    public void Trace_RealLackeyTrace_OptNeverWorseThanLruOrFifo()
    {
        long Faults(string policy) => Json(Run("trace", LackeyRecording.Path, "--policy", policy, "--user-frames", "8", "--json").Output).GetProperty("faults").GetInt64();

        var opt = Faults("opt");

        Assert.True(opt <= Faults("lru"));
        Assert.True(opt <= Faults("fifo"));
        Assert.True(opt <= Faults("clock"));
        Assert.True(opt <= Faults("random"));
    }

    // Belady's MIN written out plainly: on a miss with memory full, evict the resident page whose next
    // reference is furthest away (or never comes).
    private static long OptFaults(List<long> pages, int frames)
    {
        var next = new int[pages.Count];
        var seen = new Dictionary<long, int>();
        for (var t = pages.Count - 1; t >= 0; t--)
        {
            next[t] = seen.TryGetValue(pages[t], out var later) ? later : int.MaxValue;
            seen[pages[t]] = t;
        }

        var nextUseOf = new Dictionary<long, int>();
        long faults = 0;
        for (var t = 0; t < pages.Count; t++)
        {
            if (!nextUseOf.ContainsKey(pages[t]))
            {
                faults++;
                if (nextUseOf.Count == frames)
                {
                    nextUseOf.Remove(nextUseOf.MaxBy(p => p.Value).Key);
                }
            }

            nextUseOf[pages[t]] = next[t];
        }

        return faults;
    }
}
