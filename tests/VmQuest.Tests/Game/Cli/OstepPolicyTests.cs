using System.Text.Json;
using VmQuest.Tests.Engine.Machine.Ostep;
using VmQuest.Tests.Engine.Randomness;
using static VmQuest.Tests.Game.Cli.CliRunner;

namespace VmQuest.Tests.Game.Cli;

public sealed class OstepPolicyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-policy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "policy.txt");
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement Json(string output)
    {
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    [Theory]
    [InlineData("FIFO", 1, 9)]
    [InlineData("LRU", 2, 8)]
    [InlineData("OPT", 4, 6)]
    public void Ostep_GeneratedPolicyProblem_HitsAndMisses(string policy, int hits, int misses)
    {
        var (status, output, error) = Run("ostep", Write(OstepPolicySamples.Generated(policy)), "--json");

        Assert.True(status == 0, error);
        var json = Json(output);
        Assert.Equal("policy", json.GetProperty("kind").GetString());
        Assert.Equal(hits, json.GetProperty("hits").GetInt32());
        Assert.Equal(misses, json.GetProperty("misses").GetInt32());
        Assert.Equal(10, json.GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public void Ostep_OptJson_StepsCarryVictimAndMemory()
    {
        var (_, output, _) = Run("ostep", Write(OstepPolicySamples.Generated("OPT")), "--json");

        var steps = Json(output).GetProperty("steps");
        // 8 7 4, then 2 evicts 8 (never used again), 5 evicts 2 (never again), 4 and 7 hit, 3 evicts 7.
        Assert.Equal("""{"page":8,"hit":false,"victim":null,"memory":[8]}""", Compact(steps[0]));
        Assert.Equal("""{"page":2,"hit":false,"victim":8,"memory":[7,4,2]}""", Compact(steps[3]));
        Assert.Equal("""{"page":5,"hit":false,"victim":2,"memory":[7,4,5]}""", Compact(steps[4]));
        Assert.Equal("""{"page":4,"hit":true,"victim":null,"memory":[7,4,5]}""", Compact(steps[5]));
        Assert.Equal("""{"page":3,"hit":false,"victim":7,"memory":[4,5,3]}""", Compact(steps[7]));
    }

    [Fact]
    public void Ostep_MruListed_EvictsTheNewest()
    {
        var (status, output, _) = Run("ostep", Write(OstepPolicySamples.Listed("MRU", 2, 1, 2, 3, 1)), "--json");

        Assert.Equal(0, status);
        var steps = Json(output).GetProperty("steps");
        Assert.Equal("""{"page":3,"hit":false,"victim":2,"memory":[1,3]}""", Compact(steps[2]));
        Assert.Equal("""{"page":1,"hit":true,"victim":null,"memory":[3,1]}""", Compact(steps[3]));
    }

    [Fact]
    public void Ostep_UnoptListed_EvictsThePageNeededSoonest()
    {
        var (status, output, _) = Run("ostep", Write(OstepPolicySamples.Listed("UNOPT", 2, 1, 2, 3, 1, 2)), "--json");

        Assert.Equal(0, status);
        var steps = Json(output).GetProperty("steps");
        Assert.Equal("""{"page":3,"hit":false,"victim":1,"memory":[2,3]}""", Compact(steps[2]));
        Assert.Equal(5, Json(output).GetProperty("misses").GetInt32());
    }

    [Fact]
    public void Ostep_FifoText_ReadsLikeTheHomeworksAnswer()
    {
        var (status, output, _) = Run("ostep", Write(OstepPolicySamples.Generated("FIFO")));

        Assert.Equal(0, status);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("Access: 8  MISS FirstIn ->          [8] <- Lastin  Replaced:- [Hits:0 Misses:1]", lines);
        Assert.Contains("Access: 4  HIT  FirstIn ->    [4, 2, 5] <- Lastin  Replaced:- [Hits:1 Misses:5]", lines);
        Assert.Contains("FINALSTATS hits 1   misses 9   hitrate 10.00", lines);
    }

    [PythonFact]
    public void Ostep_RandPolicy_VictimsAsPythonDrawsThem()
    {
        // seed 0 drew the ten pages; the first victim is memory[int(random() * 3)] with the eleventh draw.
        var draw = PythonOracle.Run("import random\nrandom.seed(0)\nfor _ in range(10): random.random()\nprint(int(random.random() * 3))\n");
        var (status, output, _) = Run("ostep", Write(OstepPolicySamples.Generated("RAND")));

        Assert.Equal(0, status);
        var victim = new[] { 8, 7, 4 }[int.Parse(draw[0], System.Globalization.CultureInfo.InvariantCulture)];
        Assert.Contains($"Access: 2  MISS Left  ->", output, StringComparison.Ordinal);
        Assert.Contains($"Replaced:{victim} [Hits:0 Misses:4]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ostep_ClockWithoutSeedLine_OneLineErrorExitOne()
    {
        var text = OstepPolicySamples.Generated("CLOCK").Replace("ARG seed 0\n", "", StringComparison.Ordinal);
        var (status, output, error) = Run("ostep", Write(text));

        Assert.Equal(1, status);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("depend on the seed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ostep_SeedFlagOverridesTheFile_PagesCheckedAgainstIt()
    {
        var (status, _, error) = Run("ostep", Write(OstepPolicySamples.Generated("RAND")), "--seed", "1");

        Assert.Equal(1, status);
        Assert.Contains("--seed 1 generates", error, StringComparison.Ordinal);
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
