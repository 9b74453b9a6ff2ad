using System.Text.Json;
using VmQuest.Tests.Engine.Machine.Ostep;
using static VmQuest.Tests.Game.Cli.CliRunner;

namespace VmQuest.Tests.Game.Cli;

public sealed class OstepCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-ostep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Ostep_LinearJson_IsExactlyTheSpecifiedShape()
    {
        var (status, output, _) = Run("ostep", Write("linear.txt", OstepSamples.Linear), "--json");

        Assert.Equal(0, status);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("linear", doc.RootElement.GetProperty("kind").GetString());
        var answers = doc.RootElement.GetProperty("answers");
        Assert.Equal("""{"va":"0xabc","result":"ok","pa":"0x3abc"}""", Compact(answers[0]));
        Assert.Equal("""{"va":"0x1000","result":"invalid"}""", Compact(answers[1]));
        Assert.Equal("""{"va":"0x3fff","result":"ok","pa":"0xffff"}""", Compact(answers[3]));
    }

    [Fact]
    public void Ostep_Issue8_FrameBeyondPhysicalMemory_TranslatedAndMarked()
    {
        var text = OstepSamples.Linear.Replace("   0x8000000f", "   0x80000040", StringComparison.Ordinal);
        var (status, output, _) = Run("ostep", Write("beyond.txt", text));
        var (jsonStatus, json, _) = Run("ostep", Write("beyond2.txt", text), "--json");

        Assert.Equal(0, status);
        Assert.Contains("--> PA 0x00040fff (decimal 266239) [VPN 3 -> PFN 64] (frame beyond the 65536-byte physical memory)", output, StringComparison.Ordinal);
        Assert.Equal(0, jsonStatus);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("""{"va":"0x3fff","result":"ok","pa":"0x40fff","beyondPhysicalMemory":true}""", Compact(doc.RootElement.GetProperty("answers")[3]));
    }

    [Fact]
    public void Ostep_MultilevelJson_IncludesValues()
    {
        var (status, output, _) = Run("ostep", Write("multi.txt", OstepSamples.Multilevel()), "--json");

        Assert.Equal(0, status);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("multilevel", doc.RootElement.GetProperty("kind").GetString());
        var answers = doc.RootElement.GetProperty("answers");
        Assert.Equal("""{"va":"0xca7","result":"ok","pa":"0x507","value":7}""", Compact(answers[0]));
        Assert.Equal("""{"va":"0xcc0","result":"pte_fault"}""", Compact(answers[1]));
        Assert.Equal("""{"va":"0x1f","result":"pde_fault"}""", Compact(answers[2]));
        Assert.Equal("""{"va":"0x7fff","result":"ok","pa":"0x3f","value":17}""", Compact(answers[3]));
    }

    [Fact]
    public void Ostep_MultilevelText_ShowsEachLookupLikeTheHomework()
    {
        var (_, output, _) = Run("ostep", Write("multi.txt", OstepSamples.Multilevel()));

        Assert.Contains("""
            Virtual Address 0x0ca7:
              --> pde index:0x3 [decimal 3] pde contents:0x94 (valid 1, pfn 0x14 [decimal 20])
                --> pte index:0x5 [decimal 5] pte contents:0xa8 (valid 1, pfn 0x28 [decimal 40])
                  --> Translates to Physical Address 0x507 --> Value: 0x07
            """.ReplaceLineEndings("\n"), output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("--> Fault (page directory entry not valid)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ostep_LinearText_GivesPaOrInvalid()
    {
        var (_, output, _) = Run("ostep", Write("linear.txt", OstepSamples.Linear));

        Assert.Contains("VA 0x00000abc (decimal     2748) --> PA 0x00003abc (decimal 15036) [VPN 0 -> PFN 3]", output, StringComparison.Ordinal);
        Assert.Contains("VA 0x00001000 (decimal     4096) --> invalid (VPN 1 is not valid)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ostep_MalformedFile_OneLineErrorWithFileAndLine()
    {
        string path = Write("bad.txt", OstepSamples.Linear.Replace("0x80000009", "0x8000000x", StringComparison.Ordinal));

        var (status, output, error) = Run("ostep", path);

        Assert.Equal(1, status);
        Assert.Equal("", output);
        Assert.Equal($"vmquest: {path}:19: expected a 32-bit page-table entry like '0x8000000c' or '[       3]   0x8000000c', found '0x8000000x'", error.Trim());
    }

    [Fact]
    public void Ostep_MissingFile_OneLineError()
    {
        var (status, _, error) = Run("ostep", Path.Combine(_dir, "nope.txt"));

        Assert.Equal(1, status);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Ostep_Directory_SaysItIsADirectory()
    {
        var (status, _, error) = Run("ostep", _dir);

        Assert.Equal(1, status);
        Assert.Equal($"vmquest: {_dir}: is a directory, expected a regular file", error.Trim());
    }

    private static string Compact(JsonElement e) => JsonSerializer.Serialize(e);
}
